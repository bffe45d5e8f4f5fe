package jocker.volumes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.engine.Feature;
import jocker.engine.StateJson;
import jocker.images.LocalImages;
import jocker.spec.Spec;

/**
 * Chapter 6's volumes and binds. At create, each {@code -v} becomes a
 * {@code bind} entry of the spec's {@code mounts}, which the init mounts
 * into the root before it switches into it ({@link BindMounts}); a named
 * volume is made on first use, an anonymous one each time, and the
 * container is recorded as a user of each. At the first start, a new,
 * empty volume gets what the image has at its destination (Docker's
 * copy-up). {@code rm} releases the volumes; {@code --rm} also removes the
 * anonymous ones, as {@code rm -v} does ({@link #removeContainer}).
 */
public final class VolumesFeature implements Feature {

    /** {@code -v} as given, for {@code HostConfig.Binds}. */
    static final String ANNOTATION_BINDS = "dev.jocker.volumes.binds";
    /** The container's volumes: {@code containers/<id>/volumes.json}. */
    static final String FILE = "volumes.json";
    /** The kernel file systems the init mounts after the binds: a bind under them would be hidden. */
    private static final List<String> MOUNTED_LATER = List.of("/proc", "/sys", "/dev");

    /** One volume a container mounts, as {@link #FILE} lists it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Used(String name, boolean anonymous, String destination, boolean noCopy) {
    }

    @Override
    public int chapter() {
        return 6;
    }

    // tag::configure[]
    @Override
    public void configure(ContainerStore store, Spec spec, CreateRequest request, ContainerState state)
            throws IOException {
        VolumeMounts mounts = withImageVolumes(store, request);
        if (mounts.mounts().isEmpty()) {
            return;
        }
        check(mounts);
        VolumeStore volumes = new VolumeStore(store.root());
        List<Used> used = new ArrayList<>();
        for (VolumeSpec m : mounts.mounts()) {
            String source;
            if (m.type() == VolumeSpec.Type.BIND) {
                if (!Files.exists(Path.of(m.source()))) {
                    Files.createDirectories(Path.of(m.source())); // as dockerd does for -v; --mount refused it
                }
                source = m.source();
            } else {
                String name = m.type() == VolumeSpec.Type.VOLUME ? m.source()
                        : volumes.createAnonymous().name();
                used.add(new Used(name, m.type() == VolumeSpec.Type.ANONYMOUS, m.destination(), m.noCopy()));
                store.writeJson(state.id(), FILE, used); // first: rm releases what this lists
                volumes.use(name, state.id());
                source = volumes.data(name).toString();
            }
            spec.mounts.add(new Spec.Mount(m.destination(), "bind", source,
                    List.of("rbind", "rprivate", m.readOnly() ? "ro" : "rw")));
        }
        VolumeMounts asked = request.get(VolumeMounts.class);
        if (asked != null) {
            List<String> binds = asked.mounts().stream().map(VolumeSpec::text).toList();
            spec.annotations.put(ANNOTATION_BINDS, StateJson.JSON.asString(binds));
        }
    }
    // end::configure[]

    /**
     * The request's mounts, and an anonymous volume for each of the image's
     * {@code Volumes} ({@code VOLUME /var/lib/db} in its Dockerfile) that no
     * {@code -v} covers, as Docker makes them.
     */
    static VolumeMounts withImageVolumes(ContainerStore store, CreateRequest request) throws IOException {
        VolumeMounts asked = request.get(VolumeMounts.class);
        List<VolumeSpec> all = new ArrayList<>(asked != null ? asked.mounts() : List.of());
        Map<String, Object> declared = new LocalImages(store.root()).resolve(request.image()).config()
                .runConfig().volumes();
        if (declared != null) {
            for (String path : declared.keySet()) {
                String destination = Path.of(path).normalize().toString();
                if (all.stream().noneMatch(m -> m.destination().equals(destination))) {
                    all.add(new VolumeSpec(VolumeSpec.Type.ANONYMOUS, null, destination, false, false));
                }
            }
        }
        return new VolumeMounts(all);
    }

    /** Refuses two mounts on one destination, and destinations that /proc, /sys or /dev would cover. */
    static void check(VolumeMounts mounts) {
        Set<String> seen = new HashSet<>();
        for (VolumeSpec m : mounts.mounts()) {
            if (!seen.add(m.destination())) {
                throw new IllegalArgumentException("Duplicate mount point: " + m.destination());
            }
            for (String later : MOUNTED_LATER) {
                if (Path.of(m.destination()).startsWith(later)) {
                    throw new IllegalArgumentException("cannot mount on " + m.destination() + ": the init mounts "
                            + later + " after the volumes, which would hide it");
                }
            }
        }
    }

    /** Copy-up: each new, empty volume gets the image's files at its destination, unless {@code nocopy}. */
    @Override
    public void beforeStart(ContainerStore store, ContainerState state, Spec spec) throws IOException {
        VolumeStore volumes = new VolumeStore(store.root());
        for (Used u : used(store, state.id())) {
            if (!u.noCopy()) {
                volumes.copyUp(u.name(), store.rootfs(state.id()), u.destination());
            }
        }
    }

    /**
     * Releases the container's volumes; removes its anonymous ones when it
     * was started with {@code --rm}, or never fully made (a failed create
     * leaves nothing behind). Plain {@code rm} leaves them, as Docker does.
     */
    @Override
    public void beforeRemove(ContainerStore store, ContainerState state) throws IOException {
        boolean made = Files.exists(store.bundle(state.id()).config());
        release(store, state.id(), state.autoRemove() || !made);
    }

    private static void release(ContainerStore store, String id, boolean anonymousToo) throws IOException {
        VolumeStore volumes = new VolumeStore(store.root());
        for (Used u : used(store, id)) {
            volumes.release(u.name(), id);
            if (u.anonymous() && anonymousToo) {
                try {
                    volumes.remove(u.name(), true);
                } catch (VolumeException inUse) {
                    // another container mounts it too (--volumes-from): it stays
                }
            }
        }
        Files.deleteIfExists(store.dir(id).resolve(FILE));
    }

    /**
     * {@code rm -v} ({@code DELETE /containers/{id}?v=1}): removes the
     * container, then its anonymous volumes, which plain {@code rm} leaves.
     */
    public static void removeContainer(Engine engine, String ref, boolean force) throws Exception {
        ContainerStore store = engine.store();
        ContainerState state = store.find(ref);
        List<Used> anonymous = used(store, state.id()).stream().filter(Used::anonymous).toList();
        engine.remove(ref, force);
        VolumeStore volumes = new VolumeStore(store.root());
        for (Used u : anonymous) {
            try {
                volumes.remove(u.name(), true);
            } catch (VolumeException inUse) {
                // still mounted by another container: it stays
            }
        }
    }

    static List<Used> used(ContainerStore store, String id) throws IOException {
        Path file = store.dir(id).resolve(FILE);
        return Files.exists(file) ? StateJson.JSON.listOfFrom(Used.class, file.toFile()) : List.of();
    }

    // tag::inspect[]
    /** {@code Mounts} and {@code HostConfig.Binds}, as Docker's inspect shows them. */
    @Override
    @SuppressWarnings("unchecked")
    public void inspect(ContainerStore store, ContainerState state, Spec spec, Map<String, Object> doc)
            throws IOException {
        doc.put("Mounts", mountPoints(store.root(), spec).stream().map(MountPoint::asMap).toList());
        Map<String, Object> host = (Map<String, Object>) doc.computeIfAbsent("HostConfig",
                k -> new LinkedHashMap<>());
        String binds = spec.annotations.get(ANNOTATION_BINDS);
        host.put("Binds", binds == null ? null : StateJson.JSON.listOfFrom(String.class, binds));
    }
    // end::inspect[]

    /** The container's {@code Mounts} for inspect: each bind of its spec, a volume's by its name. */
    public static List<MountPoint> mountPoints(Path root, Spec spec) {
        Path volumes = root.resolve("volumes");
        List<MountPoint> out = new ArrayList<>();
        for (Spec.Mount m : spec.mounts) {
            if (!"bind".equals(m.type)) {
                continue;
            }
            boolean rw = m.options == null || !m.options.contains("ro");
            Path source = Path.of(m.source);
            boolean volume = source.getNameCount() >= 2 && volumes.equals(source.getParent().getParent())
                    && source.getFileName().toString().equals("_data");
            String mode = rw ? "" : "ro";
            out.add(volume
                    ? new MountPoint("volume", source.getParent().getFileName().toString(), m.source, m.destination,
                            "local", mode, rw, "")
                    : new MountPoint("bind", null, m.source, m.destination, null, mode, rw, "rprivate"));
        }
        return out;
    }
}
