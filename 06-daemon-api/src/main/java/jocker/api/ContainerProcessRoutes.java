package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jocker.cgroups.Cgroup;
import jocker.cgroups.CgroupFeature;
import jocker.cgroups.Stats;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;

/**
 * What a container's processes do: {@code docker top} ({@code GET …/top},
 * the host's {@code ps} narrowed to the processes of the container's
 * cgroup) and {@code docker stats} ({@code GET …/stats}, chapter 3's cgroup
 * counters in Docker's document, {@link StatsJson}).
 */
public final class ContainerProcessRoutes implements Routes {

    /** How often a stats stream samples, and how far apart the two samples of one document are. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** USER_HZ: the unit of {@code /proc/stat}, 100 per second on Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerStore store;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        store = router.engine().store();
        router.add("GET", "/containers/{id}/top", EngineErrors.mapped(this::top));
        router.add("GET", "/containers/{id}/stats", EngineErrors.mapped(this::stats));
    }

    /** {@code {"Titles": ["UID","PID",…], "Processes": [["root","81234",…]]}}. */
    record Top(@JsonProperty("Titles") List<String> titles, @JsonProperty("Processes") List<List<String>> processes) {
    }

    // tag::top[]
    /**
     * As dockerd does it: runs {@code ps} on the host with the client's
     * arguments ({@code -ef} by default), finds the PID column in the header,
     * and keeps the lines of the container's processes, those its cgroup
     * lists. The last column (the command) may contain spaces: each line
     * is split into as many fields as the header has.
     */
    private void top(ApiRequest request, ApiResponse response) throws Exception {
        ContainerState state = store.find(request.path("id"));
        if (!state.isRunning()) {
            throw ApiException.conflict("Container " + state.id() + " is not running");
        }
        Set<String> pids = pids(CgroupFeature.of(state.id()));
        String args = request.query("ps_args");
        List<String> command = new ArrayList<>(List.of("ps"));
        command.addAll(Arrays.asList((args == null || args.isBlank() ? "-ef" : args).trim().split("\\s+")));
        Process ps = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (ps.waitFor() != 0 || lines.isEmpty()) {
            throw new ApiException(500, "ps " + String.join(" ", command.subList(1, command.size())) + " failed: "
                    + String.join("\n", lines));
        }
        List<String> titles = Arrays.asList(lines.get(0).trim().split("\\s+"));
        int pidColumn = titles.indexOf("PID");
        if (pidColumn < 0) {
            throw ApiException.badRequest("Couldn't find PID field in ps output: give ps_args that print PID");
        }
        List<List<String>> processes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = Arrays.asList(line.trim().split("\\s+", titles.size()));
            if (fields.size() > pidColumn && pids.contains(fields.get(pidColumn))) {
                processes.add(fields);
            }
        }
        response.json(200, new Top(titles, processes));
    }
    // end::top[]

    /** The PIDs in the cgroup, as its {@code cgroup.procs} lists them. */
    private static Set<String> pids(Cgroup cgroup) throws IOException {
        Set<String> pids = new HashSet<>();
        for (Path dir : cgroup.paths()) {
            Path procs = dir.resolve("cgroup.procs");
            if (Files.exists(procs)) {
                pids.addAll(Files.readAllLines(procs));
            }
        }
        return pids;
    }

    /**
     * One document ({@code stream=false}: two samples {@link #INTERVAL}
     * apart, as {@code docker stats --no-stream} needs for its CPU
     * percentage; {@code one-shot=true}: one sample), or one a second until
     * the container stops or the client goes.
     */
    private void stats(ApiRequest request, ApiResponse response) throws Exception {
        ContainerState state = store.find(request.path("id"));
        boolean stream = request.queryFlag("stream", true);
        boolean oneShot = request.queryFlag("one-shot", false);
        Sample before = stream || oneShot ? null : Sample.take(state);
        if (before != null) {
            Thread.sleep(INTERVAL.toMillis());
        }
        if (!stream) {
            response.json(200, document(state, Sample.take(state), before));
            return;
        }
        try (OutputStream out = response.stream(200, "application/json")) {
            Sample previous = null;
            while (true) {
                Sample now = Sample.take(state);
                out.write(JSON.writeValueAsBytes(document(state, now, previous)));
                out.write('\n');
                out.flush();
                if (now.stats() == null) {
                    return; // it stopped: Docker's stream would go on with zeros; this one ends
                }
                previous = now;
                Thread.sleep(INTERVAL.toMillis());
            }
        }
    }

    /** Counters at one moment: the container's cgroup (null when it is not running) and the host's CPU time. */
    record Sample(Instant read, Stats stats, long systemCpuNanos) {

        static Sample take(ContainerState state) throws IOException {
            Stats stats = null;
            if (state.isRunning()) {
                try {
                    stats = CgroupFeature.of(state.id()).stats();
                } catch (RuntimeException ended) {
                    // its cgroup went away with it
                }
            }
            return new Sample(Instant.now(), stats, ContainerProcessRoutes.systemCpuNanos());
        }
    }

    private static StatsJson document(ContainerState state, Sample now, Sample before) throws IOException {
        Stats s = now.stats();
        int cpus = Runtime.getRuntime().availableProcessors();
        StatsJson.CpuStats cpu = s == null ? StatsJson.CpuStats.NONE
                : new StatsJson.CpuStats(new StatsJson.CpuUsage(s.cpuUsageNanos(), 0, 0), now.systemCpuNanos(),
                        cpus);
        StatsJson.CpuStats precpu = before == null || before.stats() == null ? StatsJson.CpuStats.NONE
                : new StatsJson.CpuStats(new StatsJson.CpuUsage(before.stats().cpuUsageNanos(), 0, 0),
                        before.systemCpuNanos(), cpus);
        long memoryLimit = s == null ? 0 : s.memoryLimit() == Stats.UNLIMITED ? hostMemory() : s.memoryLimit();
        return new StatsJson(now.read().toString(),
                before == null ? ContainerViews.ZERO_TIME : before.read().toString(), state.id(),
                "/" + state.name(), 0,
                new StatsJson.PidsStats(s == null ? 0 : s.pids(),
                        s == null || s.pidsLimit() == Stats.UNLIMITED ? 0 : s.pidsLimit()),
                cpu, precpu, new StatsJson.MemoryStats(s == null ? 0 : s.memoryUsage(), memoryLimit, Map.of()),
                Map.of());
    }

    /** The host's CPU time, every CPU, from the first line of {@code /proc/stat} (in USER_HZ ticks). */
    static long systemCpuNanos() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/stat")).get(0); // cpu user nice system idle iowait …
        String[] f = line.trim().split("\\s+");
        long ticks = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // user … steal; guest time is in user already
            ticks += Long.parseLong(f[i]);
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** {@code MemTotal} of {@code /proc/meminfo}, in bytes. */
    static long hostMemory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
