package jocker.api;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jocker.cgroups.Limits;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.ContainerSummary;
import jocker.engine.Engine;
import jocker.images.ImageException;
import jocker.images.Reference;
import jocker.spec.Spec;
import jocker.unionfs.ContainerLayers;

/**
 * A container as the API's documents show it ({@link ContainerListEntry},
 * {@link ContainerJson}, the filter's {@link ContainerFilter.Candidate}),
 * made from what the engine knows: its state, its spec, and chapter 2's
 * {@link Engine#inspect} with every chapter's fields.
 */
final class ContainerViews {

    /** Go's zero time: what Docker says for a time that has not come. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    /** Jocker's containers have a network namespace with only {@code lo} in it. */
    static final String NETWORK_MODE = "none";

    private ContainerViews() {
    }

    /** The container as the list filter sees it. */
    static ContainerFilter.Candidate candidate(ContainerStore store, ContainerState s, String state)
            throws IOException {
        List<String> names = new ArrayList<>();
        try {
            names.add(Reference.parse(s.image()).toString());
        } catch (ImageException | IllegalArgumentException notAName) {
            // an image given by ID
        }
        String imageId = imageId(store, s);
        if (imageId != null) {
            names.add(imageId);
        }
        return new ContainerFilter.Candidate(s.id(), s.name(), dockerState(state),
                ContainerApiRecord.read(store, s.id()).labels(), s.image(), names);
    }

    /** Docker has no "broken": a container whose record cannot be read is "dead" to it. */
    static String dockerState(String state) {
        return ContainerState.BROKEN.equals(state) ? "dead" : state;
    }

    /** The image ID of the container, {@code sha256:…} (chapter 5), or null before chapter 5. */
    static String imageId(ContainerStore store, ContainerState s) throws IOException {
        if (ContainerState.BROKEN.equals(s.status())) {
            return null;
        }
        ContainerLayers layers = ContainerLayers.read(store, s.id());
        return layers != null && layers.image().startsWith("sha256:") ? layers.image() : null;
    }

    static ContainerListEntry listEntry(ContainerStore store, ContainerSummary summary, ContainerState s)
            throws IOException {
        String imageId = imageId(store, s);
        return new ContainerListEntry(s.id(), List.of("/" + s.name()), s.image(), imageId != null ? imageId : "",
                String.join(" ", s.command()), s.created().getEpochSecond(), dockerState(summary.state()),
                summary.status(), ContainerApiRecord.read(store, s.id()).labels(), List.of(), List.of(),
                Map.of("NetworkMode", NETWORK_MODE), Map.of("Networks", Map.of()));
    }

    /** {@code docker inspect}'s document of container {@code ref}. */
    @SuppressWarnings("unchecked")
    static ContainerJson inspect(Engine engine, String ref) throws IOException {
        ContainerStore store = engine.store();
        ContainerState s = store.find(ref);
        Map<String, Object> doc = engine.inspect(s.id());
        Map<String, Object> state = (Map<String, Object>) doc.get("State");
        Map<String, Object> config = (Map<String, Object>) doc.get("Config");
        Map<String, Object> host = (Map<String, Object>) doc.getOrDefault("HostConfig", Map.of());
        ContainerApiRecord record = ContainerApiRecord.read(store, s.id());
        String status = dockerState((String) state.get("Status"));
        boolean broken = ContainerState.BROKEN.equals(s.status());
        Spec spec = broken ? null : store.bundle(s.id()).read();
        List<String> args = spec == null || spec.process.args == null ? s.command() : spec.process.args;
        return new ContainerJson(s.id(), time(s.created()), args.isEmpty() ? "" : args.get(0),
                args.isEmpty() ? List.of() : args.subList(1, args.size()),
                new ContainerJson.State(status, Boolean.TRUE.equals(state.get("Running")),
                        Boolean.TRUE.equals(state.get("Paused")), false,
                        Boolean.TRUE.equals(state.get("OOMKilled")), status.equals("dead"),
                        ((Number) state.get("Pid")).longValue(), (Integer) state.get("ExitCode"),
                        (String) state.get("Error"), time((Instant) state.get("StartedAt")),
                        time((Instant) state.get("FinishedAt"))),
                Objects.requireNonNullElse(imageId(store, s), s.image()), "", "", "",
                store.log(s.id()).toString(), "/" + s.name(),
                ((Number) doc.getOrDefault("RestartCount", 0)).intValue(), "overlay", "linux",
                hostConfig(spec, host, s, record), (List<Object>) doc.getOrDefault("Mounts", List.of()),
                new ContainerJson.Config(s.hostname(), (String) config.getOrDefault("User", ""),
                        record.attachStdin(), record.tty(), record.openStdin(), record.stdinOnce(),
                        (List<String>) config.get("Env"), (List<String>) config.get("Cmd"),
                        (String) config.getOrDefault("Image", s.image()), (String) config.get("WorkingDir"),
                        (List<String>) config.get("Entrypoint"), record.labels(),
                        (String) config.get("StopSignal")),
                Map.of("Networks", Map.of(), "Ports", Map.of(), "IPAddress", ""),
                store.bundle(s.id()).dir().toString());
    }

    @SuppressWarnings("unchecked")
    private static ContainerJson.HostConfig hostConfig(Spec spec, Map<String, Object> host, ContainerState s,
            ContainerApiRecord record) {
        Limits limits = Limits.fromResources(spec == null || spec.linux == null ? null : spec.linux.resources);
        return new ContainerJson.HostConfig(orZero(limits.memoryBytes()),
                limits.memoryBytes() == null ? 0 : orZero(limits.memorySwapTotal()),
                limits.cpus() == null ? 0 : Math.round(limits.cpus() * HostResources.NANOS_PER_CPU),
                limits.cpuShares() == null ? 0 : limits.cpuShares(), limits.pidsLimit(), s.autoRemove(),
                record.restartPolicy(), record.binds().isEmpty() ? null : record.binds(), NETWORK_MODE,
                Boolean.TRUE.equals(host.get("Privileged")), (List<String>) host.get("CapAdd"),
                (List<String>) host.get("CapDrop"), (List<String>) host.get("SecurityOpt"));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** RFC 3339 with nanoseconds, as Go writes a time; Go's zero time for none. */
    static String time(Instant instant) {
        return instant == null ? ZERO_TIME : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
