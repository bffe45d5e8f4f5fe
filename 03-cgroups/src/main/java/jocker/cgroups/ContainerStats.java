package jocker.cgroups;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.Events;

/**
 * One line of {@code jocker stats} (and from chapter 6 of the Engine API's
 * {@code GET /containers/{id}/stats}), computed in the engine from two
 * samples of the container's cgroup counters.
 *
 * @param cpuPercent CPU time used over the interval, per wall-clock time: 100 is one CPU
 * @param memoryLimit bytes, or -1 for none
 */
public record ContainerStats(String id, String name, double cpuPercent, long memoryUsage, long memoryLimit,
                             long pids) {

    public String shortId() {
        return id.substring(0, 12);
    }

    // tag::sample[]
    /**
     * Samples the running containers named by {@code refs} (all running ones
     * when empty) twice, {@code interval} apart. A container that ends
     * meanwhile is left out: its cgroup went away with it.
     */
    public static List<ContainerStats> sample(ContainerStore store, List<String> refs, Duration interval)
            throws IOException, InterruptedException {
        List<ContainerState> chosen = new ArrayList<>();
        if (refs.isEmpty()) {
            store.list().stream().filter(ContainerState::isRunning).forEach(chosen::add);
        } else {
            for (String ref : refs) {
                chosen.add(store.find(ref));
            }
        }
        Map<ContainerState, Stats> before = read(chosen);
        long start = System.nanoTime();
        Thread.sleep(interval.toMillis());
        Map<ContainerState, Stats> after = read(chosen);
        double elapsedNanos = System.nanoTime() - start;
        List<ContainerStats> out = new ArrayList<>();
        for (var e : after.entrySet()) {
            Stats now = e.getValue();
            Stats then = before.get(e.getKey());
            double cpu = then == null ? 0 : 100.0 * (now.cpuUsageNanos() - then.cpuUsageNanos()) / elapsedNanos;
            out.add(new ContainerStats(e.getKey().id(), e.getKey().name(), cpu, now.memoryUsage(), now.memoryLimit(),
                    now.pids()));
        }
        return out;
    }
    // end::sample[]

    private static Map<ContainerState, Stats> read(List<ContainerState> chosen) {
        Map<ContainerState, Stats> stats = new LinkedHashMap<>();
        for (ContainerState s : chosen) {
            try {
                stats.put(s, CgroupFeature.of(s.id()).stats());
            } catch (RuntimeException exited) {
                // its cgroup went away with it
            }
        }
        return stats;
    }

    /** {@code jocker pause}: freezes every process of a running container. */
    public static void pause(ContainerStore store, String ref) throws IOException {
        running(store, ref).freeze();
        Events.container(store, store.find(ref), "pause");
    }

    /** {@code jocker unpause}: thaws what {@link #pause} froze. */
    public static void unpause(ContainerStore store, String ref) throws IOException {
        running(store, ref).thaw();
        Events.container(store, store.find(ref), "unpause");
    }

    private static Cgroup running(ContainerStore store, String ref) throws IOException {
        ContainerState state = store.find(ref);
        if (!state.isRunning()) {
            throw new IllegalStateException("container " + ref + " is not running");
        }
        return CgroupFeature.of(state.id());
    }
}
