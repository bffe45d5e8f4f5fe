package jocker.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jocker.course.Exercise;
import jocker.spec.Spec;

/**
 * A container's cgroup on v1 ({@code Documentation/admin-guide/cgroup-v1/cgroups.rst}):
 * each controller has its own hierarchy, mounted on its own directory
 * ({@code /sys/fs/cgroup/memory}, {@code /sys/fs/cgroup/pids}, ...), so one
 * container is one directory in each, and a process must be added to each.
 * Controllers mounted together ({@code cpu,cpuacct}) share one directory.
 */
public final class CgroupV1 implements Cgroup {

    /**
     * The hierarchies Jocker uses: cpuacct counts the CPU time that cpu
     * limits; devices decides which device files the tasks may use.
     */
    public static final List<String> CONTROLLERS = List.of("memory", "cpu", "cpuacct", "pids", "freezer", "devices");

    private final Map<String, Path> dirs = new LinkedHashMap<>();

    /** {@code dirs}: the container's directory for each of {@link #CONTROLLERS}. */
    public CgroupV1(Map<String, Path> dirs) {
        for (String controller : CONTROLLERS) {
            Path dir = dirs.get(controller);
            if (dir == null) {
                throw new IllegalArgumentException("no directory for the " + controller + " controller: " + dirs);
            }
            this.dirs.put(controller, dir);
        }
    }

    /** The container's directory in {@code controller}'s hierarchy. */
    public Path dir(String controller) {
        return dirs.get(controller);
    }

    @Override
    public void create() {
        for (Path dir : paths()) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new CgroupException("mkdir " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void apply(Limits limits) {
        Memory.setV1(dir("memory"), limits);
        Cpu.setV1(dir("cpu"), limits);
        Pids.set(dir("pids"), limits);
    }

    @Override
    public void setDevices(List<Spec.DeviceCgroup> rules) {
        if (rules != null) {
            DeviceRules.setV1(dir("devices"), rules);
        }
    }

    /**
     * Writes the PID into {@code cgroup.procs} of every hierarchy; each one
     * moves the whole thread group ({@code tasks} would move one thread).
     */
    @Override
    public void addProcess(long pid) {
        for (Path dir : paths()) {
            CgroupFiles.write(dir.resolve("cgroup.procs"), pid);
        }
    }

    @Override
    public void freeze() {
        Freezer.freezeV1(dir("freezer"));
    }

    @Override
    public void thaw() {
        Freezer.thawV1(dir("freezer"));
    }

    @Override
    public boolean isFrozen() {
        return Freezer.isFrozenV1(dir("freezer"));
    }

    /**
     * From {@code memory.usage_in_bytes}, {@code memory.limit_in_bytes},
     * {@code cpuacct.usage} (nanoseconds), {@code pids.current},
     * {@code pids.max} and {@code memory.oom_control}.
     */
    @Override
    public Stats stats() {
        Path memory = dir("memory");
        Path pids = dir("pids");
        return new Stats(CgroupFiles.readLong(memory.resolve("memory.usage_in_bytes")),
                CgroupFiles.readLimit(memory.resolve("memory.limit_in_bytes")),
                CgroupFiles.readLong(dir("cpuacct").resolve("cpuacct.usage")),
                CgroupFiles.readLong(pids.resolve("pids.current")),
                CgroupFiles.readLimit(pids.resolve("pids.max")),
                Cgroup.oomKillsSoFar(this));
    }

    /** The {@code oom_kill} line of {@code memory.oom_control} (Linux 4.13 and later). */
    @Override
    public long oomKills() {
        // Exercise 3.5: read the oom_kill line of memory.oom_control (CgroupFiles.keyed).
        return Exercise.todo("3.5", "read the oom_kill line of memory.oom_control (CgroupFiles.keyed).");
    }

    /**
     * Freezes, SIGKILLs every process, thaws, removes the directories. Frozen
     * first so that nothing forks between reading {@code cgroup.procs} and the
     * kill; thawed after because a frozen v1 task acts on its SIGKILL only once
     * it runs again.
     */
    // tag::destroy[]
    @Override
    public void destroy() {
        Path freezer = dir("freezer");
        if (!processes().isEmpty() && Files.isDirectory(freezer)) {
            try {
                // Frozen, no process can fork a new one while the others are being killed.
                Freezer.freezeV1(freezer);
                try {
                    CgroupDirectories.kill(processes());
                } finally {
                    Freezer.thawV1(freezer);
                }
            } catch (RuntimeException freezerFailed) {
                // Without the freezer (a half-done exercise 3.4, say) kill them all the same, below.
            }
        }
        CgroupDirectories.kill(processes()); // any left, and those in the other hierarchies
        for (Path dir : paths()) {
            CgroupDirectories.remove(dir);
        }
    }
    // end::destroy[]

    private Set<Long> processes() {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path dir : paths()) {
            pids.addAll(CgroupDirectories.processes(dir));
        }
        return pids;
    }

    /** The distinct directories: co-mounted controllers share one. */
    @Override
    public List<Path> paths() {
        return new ArrayList<>(new LinkedHashSet<>(dirs.values()));
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public String toString() {
        return "cgroup v1 " + dirs;
    }
}
