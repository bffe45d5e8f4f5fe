package jocker.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds where the cgroup controllers live and makes containers' cgroups
 * there, as {@code jocker/<container id>} under this process's own cgroup
 * (on v2, under the nearest cgroup at or above it that may pass controllers
 * on: see {@link CgroupV2}).
 *
 * <p>A machine may mount each controller on a v1 hierarchy of its own, or all
 * of them on the v2 unified hierarchy, or some here and some there ("hybrid":
 * this book's machine has everything but hugetlb on v1 and an almost empty
 * cgroup2 at {@code /sys/fs/cgroup/unified}). Two files tell:
 * <ul>
 * <li>{@code /proc/self/mountinfo}: a {@code cgroup} mount lists its v1
 *     controllers in its super options ({@code rw,memory}, {@code rw,cpu,cpuacct});
 *     for a {@code cgroup2} mount, {@code <mount point>/cgroup.controllers}
 *     lists those it has;</li>
 * <li>{@code /proc/self/cgroup} (cgroups(7)): this process's cgroup in each
 *     hierarchy, {@code 4:memory:/user/1} on v1, {@code 0::/user/1} on v2.</li>
 * </ul>
 * Jocker uses v2 when the cgroup2 mount has every controller it needs, else
 * v1 when v1 has every one. Like runc it refuses a mix: a container half on
 * v1 and half on v2 would need both sets of rules at once.
 */
public final class Cgroups {

    /** The cgroup that holds every container's, below the process's own (on v2: see {@link CgroupV2}). */
    public static final String PARENT = "jocker";

    private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Path base;
    private final List<CgroupMount> mounts;
    /** This process's cgroup path per v1 controller, and under "" its v2 path. */
    private final Map<String, String> own = new HashMap<>();

    /**
     * The layout that these two texts describe. {@code base} is prefixed to
     * every mount point: {@code /} for the real machine, a temporary
     * directory for a test that imitates one.
     */
    public Cgroups(String mountinfo, String procSelfCgroup, Path base) {
        this.base = base;
        this.mounts = CgroupMount.parse(mountinfo);
        for (String line : procSelfCgroup.lines().toList()) {
            String[] f = line.split(":", 3); // hierarchy ID : controllers : path
            if (f.length == 3) {
                for (String controller : f[1].split(",")) {
                    own.put(controller, f[2]);
                }
            }
        }
    }

    /** This machine, as this process sees it. */
    public static Cgroups host() {
        try {
            return new Cgroups(Files.readString(Path.of("/proc/self/mountinfo")),
                    Files.readString(Path.of("/proc/self/cgroup")), Path.of("/"));
        } catch (IOException e) {
            throw new CgroupException("cannot read /proc/self: " + e.getMessage(), e);
        }
    }

    // tag::version[]
    /**
     * {@code "v2"} or {@code "v1"}; a {@link CgroupException} saying what is
     * where if neither has everything.
     */
    public String version() {
        if (ownV2() != null && v2Controllers().containsAll(CgroupV2.CONTROLLERS)) {
            return "v2";
        }
        if (CgroupV1.CONTROLLERS.stream().allMatch(c -> ownV1(c) != null)) {
            return "v1";
        }
        throw new CgroupException(describe());
    }
    // end::version[]

    /** The cgroup for container {@code id}, not made yet: call {@link Cgroup#create()}. */
    public Cgroup forContainer(String id) {
        if (!CONTAINER_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a container id, which names a directory: " + id);
        }
        if (version().equals("v2")) {
            Path top = v2Top();
            return new CgroupV2(top, top.resolve(PARENT).resolve(id));
        }
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String controller : CgroupV1.CONTROLLERS) {
            dirs.put(controller, ownV1(controller).resolve(PARENT).resolve(id));
        }
        return new CgroupV1(dirs);
    }

    /**
     * The OCI spec's {@code linux.cgroupsPath} of container {@code id}: its
     * cgroup, relative to the root of the hierarchy (v2) or of the memory
     * controller's hierarchy (v1), as runc's cgroupfs driver takes it.
     */
    public String specPath(String id) {
        Cgroup cgroup = forContainer(id);
        Path dir = cgroup.paths().get(0);
        CgroupMount mount = version().equals("v2") ? v2Mount()
                : mounts.stream().filter(m -> !m.v2() && m.superOptions().contains(CgroupV1.CONTROLLERS.get(0)))
                .findFirst().orElseThrow();
        return "/" + mountPoint(mount).relativize(dir);
    }

    /** The (first) cgroup2 mount, or null. */
    private CgroupMount v2Mount() {
        return mounts.stream().filter(CgroupMount::v2).findFirst().orElse(null);
    }

    /** This process's own v2 cgroup directory, or null without a cgroup2 mount. */
    Path ownV2() {
        CgroupMount mount = v2Mount();
        return mount == null || !own.containsKey("") ? null : directory(mount, own.get(""));
    }

    /** This process's own cgroup directory in {@code controller}'s v1 hierarchy, or null if none has it. */
    Path ownV1(String controller) {
        CgroupMount mount = mounts.stream().filter(m -> !m.v2() && m.superOptions().contains(controller))
                .findFirst().orElse(null);
        return mount == null || !own.containsKey(controller) ? null : directory(mount, own.get(controller));
    }

    /**
     * Where v2 containers go: this process's own cgroup if it is the root of
     * the mount, else the nearest cgroup above that already lists the
     * controllers in {@code cgroup.subtree_control} (so it holds no
     * processes), else the root. A non-root cgroup that holds this process can
     * never enable them: the kernel refuses with EBUSY. Docker's systemd
     * driver ends up in the same place, a sibling of the engine's own cgroup
     * ({@code system.slice/docker-<id>.scope}).
     */
    // tag::v2-top[]
    Path v2Top() {
        Path root = mountPoint(v2Mount());
        Path cgroup = ownV2();
        while (!cgroup.equals(root) && !passesOn(cgroup)) {
            cgroup = cgroup.getParent();
        }
        return cgroup;
    }
    // end::v2-top[]

    private static boolean passesOn(Path cgroup) {
        Path file = cgroup.resolve("cgroup.subtree_control");
        return Files.isReadable(file) && CgroupFiles.words(file).containsAll(CgroupV2.CONTROLLERS);
    }

    /** What the cgroup2 mount offers, from {@code cgroup.controllers} at its top; empty without one. */
    Set<String> v2Controllers() {
        CgroupMount mount = v2Mount();
        Path file = mount == null ? null : mountPoint(mount).resolve("cgroup.controllers");
        return file != null && Files.isReadable(file) ? CgroupFiles.words(file) : Set.of();
    }

    /**
     * The directory of cgroup {@code path} (as /proc/self/cgroup shows it,
     * from the hierarchy's root) in {@code mount}. A mount may show a subtree
     * only: inside a container, root {@code /docker/abc} mounted at
     * {@code /sys/fs/cgroup} puts cgroup {@code /docker/abc/x} at
     * {@code /sys/fs/cgroup/x}.
     */
    private Path directory(CgroupMount mount, String path) {
        Path root = Path.of(mount.root());
        Path cgroup = Path.of(path);
        if (!cgroup.startsWith(root)) {
            throw new CgroupException("this process's cgroup " + path + " is outside what " + mount.mountPoint()
                    + " shows (" + mount.root() + ")");
        }
        return mountPoint(mount).resolve(root.relativize(cgroup).toString());
    }

    private Path mountPoint(CgroupMount mount) {
        return base.resolve(mount.mountPoint().substring(1));
    }

    private String describe() {
        List<String> where = new ArrayList<>();
        Set<String> v2 = ownV2() == null ? Set.of() : v2Controllers();
        for (String controller : CgroupV1.CONTROLLERS) {
            where.add(controller + (ownV1(controller) != null ? " on v1"
                    : v2.contains(controller) ? " on v2" : " nowhere"));
        }
        return "Jocker needs the controllers " + CgroupV1.CONTROLLERS + " all on cgroup v1, or "
                + CgroupV2.CONTROLLERS + " all on cgroup v2 (mixing both is not supported, as in runc); found "
                + String.join(", ", where);
    }
}
