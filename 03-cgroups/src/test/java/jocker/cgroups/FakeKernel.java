package jocker.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Directory trees that imitate cgroup file systems: what the kernel shows in
 * a fresh cgroup, as plain files. Unlike the kernel they keep whatever is
 * written, so a test reads back exactly what the code wrote.
 */
final class FakeKernel {

    /** v1's "no limit": PAGE_COUNTER_MAX pages of 4 KiB. */
    static final String V1_MAX = "9223372036854771712";

    private FakeKernel() {
    }

    /** A v2 cgroup whose parent delegated {@code controllers}, with each interface file at its default. */
    static Path v2Cgroup(Path dir, String controllers) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("cgroup.controllers", controllers);
        files.put("cgroup.subtree_control", "");
        files.put("cgroup.procs", "");
        files.put("cgroup.freeze", "0");
        files.put("cgroup.events", "populated 0\nfrozen 0");
        files.put("memory.max", "max");
        files.put("memory.swap.max", "max");
        files.put("memory.current", "0");
        files.put("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0");
        files.put("cpu.max", "max 100000");
        files.put("cpu.weight", "100");
        files.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0");
        files.put("pids.max", "max");
        files.put("pids.current", "0");
        return write(dir, files);
    }

    /** A v1 cgroup in a hierarchy of {@code controllers}, such as {@code "cpu", "cpuacct"}. */
    static Path v1Cgroup(Path dir, String... controllers) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("cgroup.procs", "");
        files.put("tasks", "");
        for (String controller : controllers) {
            switch (controller) {
                case "memory" -> {
                    files.put("memory.limit_in_bytes", V1_MAX);
                    files.put("memory.memsw.limit_in_bytes", V1_MAX);
                    files.put("memory.usage_in_bytes", "0");
                    files.put("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0");
                }
                case "cpu" -> {
                    files.put("cpu.cfs_period_us", "100000");
                    files.put("cpu.cfs_quota_us", "-1");
                    files.put("cpu.shares", "1024");
                }
                case "cpuacct" -> files.put("cpuacct.usage", "0");
                case "pids" -> {
                    files.put("pids.max", "max");
                    files.put("pids.current", "0");
                }
                case "freezer" -> files.put("freezer.state", "THAWED");
                case "devices" -> {
                    files.put("devices.allow", "");
                    files.put("devices.deny", "");
                    files.put("devices.list", "a *:* rwm");
                }
                default -> throw new IllegalArgumentException(controller);
            }
        }
        return write(dir, files);
    }

    static Path write(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            for (var e : files.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        write(file.getParent(), Map.of(file.getFileName().toString(), content));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
