package jocker.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jocker.course.Exercise;
import jocker.linux.Errno;
import jocker.spec.Spec;

/**
 * A container's cgroup on v2 (Documentation/admin-guide/cgroup-v2.rst): one
 * directory in the one unified hierarchy, whatever the controllers.
 *
 * <p>A controller works in a cgroup only if its parent lists it in
 * {@code cgroup.subtree_control}, and only a cgroup without processes of its
 * own may list one there ("No Internal Process Constraint"; the root is
 * exempt). The cgroup this process runs in holds this process, so unless it
 * is the root it can never pass controllers on: containers go under
 * {@code top}, the nearest cgroup at or above it that can ({@link Cgroups}
 * finds it), in a {@code jocker} cgroup that only ever holds other cgroups:
 *
 * <pre>
 * top/                       the root, or an ancestor whose subtree_control has them
 *   cgroup.subtree_control   cpu memory pids      (so that jocker/ gets them)
 *   jocker/                  no processes, ever
 *     cgroup.subtree_control +cpu +memory +pids   (so that each container gets them)
 *     c0ffee/                one container: memory.max, cpu.max, pids.max, cgroup.procs ...
 * </pre>
 */
public final class CgroupV2 implements Cgroup {

    /** The controllers Jocker enables; freezing is part of the v2 core. */
    public static final List<String> CONTROLLERS = List.of("cpu", "memory", "pids");

    private final Path top;
    private final Path dir;

    /** {@code dir}: the container's cgroup, somewhere below {@code top}, which passes the controllers down. */
    public CgroupV2(Path top, Path dir) {
        if (!dir.startsWith(top) || dir.equals(top)) {
            throw new IllegalArgumentException(dir + " is not below " + top);
        }
        this.top = top;
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    // tag::create[]
    /** From {@code top} down: enable the controllers for the children, make the child, repeat. */
    @Override
    public void create() {
        Path cgroup = top;
        for (Path name : top.relativize(dir)) {
            enableControllers(cgroup);
            cgroup = cgroup.resolve(name);
            try {
                Files.createDirectories(cgroup);
            } catch (IOException e) {
                throw new CgroupException("mkdir " + cgroup + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Writes {@code +cpu +memory +pids} to {@code cgroup.subtree_control},
     * or only those not there yet: a cgroup can pass on only what its own
     * {@code cgroup.controllers} lists, what its parent delegated to it.
     */
    private static void enableControllers(Path cgroup) {
        Set<String> available = CgroupFiles.words(cgroup.resolve("cgroup.controllers"));
        Set<String> enabled = CgroupFiles.words(cgroup.resolve("cgroup.subtree_control"));
        StringBuilder change = new StringBuilder();
        for (String controller : CONTROLLERS) {
            if (!available.contains(controller)) {
                throw new CgroupException("the " + controller + " controller is not available in "
                        + cgroup + " (cgroup.controllers: " + available + "): its parent has not"
                        + " delegated it");
            }
            if (!enabled.contains(controller)) {
                change.append(change.length() > 0 ? " +" : "+").append(controller);
            }
        }
        if (change.length() > 0) {
            try {
                CgroupFiles.write(cgroup.resolve("cgroup.subtree_control"), change.toString());
            } catch (CgroupException e) {
                if (!e.hasErrno(Errno.EBUSY)) {
                    throw e;
                }
                throw new CgroupException(e.getMessage() + ": " + cgroup
                        + " holds processes, and only a cgroup without processes (or the root)"
                        + " may enable controllers for its children", e);
            }
        }
    }
    // end::create[]

    @Override
    public void apply(Limits limits) {
        Memory.setV2(dir, limits);
        Cpu.setV2(dir, limits);
        Pids.set(dir, limits);
    }

    /** A device program needs no controller: cgroup2 runs it in every cgroup. */
    @Override
    public void setDevices(List<Spec.DeviceCgroup> rules) {
        if (rules != null && !rules.isEmpty()) {
            DeviceRules.setV2(dir, rules);
        }
    }

    @Override
    public void addProcess(long pid) {
        CgroupFiles.write(dir.resolve("cgroup.procs"), pid);
    }

    @Override
    public void freeze() {
        Freezer.freezeV2(dir);
    }

    @Override
    public void thaw() {
        Freezer.thawV2(dir);
    }

    @Override
    public boolean isFrozen() {
        return Freezer.isFrozenV2(dir);
    }

    /**
     * From {@code memory.current}, {@code memory.max}, {@code usage_usec} of
     * {@code cpu.stat} (microseconds), {@code pids.current}, {@code pids.max}
     * and {@code memory.events}.
     */
    @Override
    public Stats stats() {
        return new Stats(CgroupFiles.readLong(dir.resolve("memory.current")),
                CgroupFiles.readLimit(dir.resolve("memory.max")),
                CgroupFiles.keyed(dir.resolve("cpu.stat"), "usage_usec") * 1000,
                CgroupFiles.readLong(dir.resolve("pids.current")),
                CgroupFiles.readLimit(dir.resolve("pids.max")),
                Cgroup.oomKillsSoFar(this));
    }

    /** The {@code oom_kill} line of {@code memory.events}. */
    @Override
    public long oomKills() {
        // Exercise 3.5: read the oom_kill line of memory.events.
        return Exercise.todo("3.5", "read the oom_kill line of memory.events.");
    }

    /**
     * Kills everything inside, then removes the directory. {@code cgroup.kill}
     * (Linux 5.14) kills the whole subtree in one write, forks racing it
     * included; without it: freeze, so nothing forks, then SIGKILL each
     * process (a fatal signal reaches a frozen v2 task).
     */
    // tag::destroy[]
    @Override
    public void destroy() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path kill = dir.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            CgroupFiles.write(kill, "1");
        } else if (!CgroupDirectories.processes(dir).isEmpty()) {
            Freezer.freezeV2(dir);
            CgroupDirectories.kill(CgroupDirectories.processes(dir));
        }
        CgroupDirectories.remove(dir);
    }
    // end::destroy[]

    @Override
    public List<Path> paths() {
        return new ArrayList<>(List.of(dir));
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public String toString() {
        return "cgroup v2 " + dir;
    }
}
