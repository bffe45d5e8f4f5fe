package jocker.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import jocker.linux.CgroupLibC;
import jocker.linux.Errno;
import jocker.linux.Kernel;
import jocker.linux.SyscallException;
import jocker.linux.Syscalls;

/** Tearing a cgroup down: its processes first, then its directories, deepest first. */
final class CgroupDirectories {

    /** How long a process killed with SIGKILL may take to leave; exiting frees its memory first. */
    static final Duration RMDIR_TIMEOUT = Duration.ofSeconds(5);

    private CgroupDirectories() {
    }

    /**
     * The PIDs in {@code cgroup.procs} of {@code dir} and of every cgroup
     * below it: a container may have made its own sub-cgroups.
     */
    static Set<Long> processes(Path dir) {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path cgroup : cgroupsBelow(dir)) {
            Path procs = cgroup.resolve("cgroup.procs");
            if (Files.exists(procs)) {
                try {
                    CgroupFiles.read(procs).lines().filter(l -> !l.isBlank()).map(Long::valueOf).forEach(pids::add);
                } catch (CgroupException e) {
                    if (!removedMeanwhile(e)) {
                        throw e;
                    }
                }
            }
        }
        return pids;
    }

    /**
     * Whether reading failed because another process removed the cgroup
     * meanwhile (the shim cleaning up after its container's exit while
     * {@code rm -f} does too): the kernel answers ENODEV for the files of a
     * cgroup being removed, ENOENT once it is gone. Nothing is left to kill.
     */
    private static boolean removedMeanwhile(CgroupException e) {
        Throwable cause = e.getCause();
        return cause instanceof java.nio.file.NoSuchFileException
                || cause != null && String.valueOf(cause.getMessage()).contains("No such device");
    }

    /** SIGKILL to each; one that has exited meanwhile is no error ({@link Kernel#killIfRunning}). */
    static void kill(Set<Long> pids) {
        for (long pid : pids) {
            Kernel.killIfRunning(pid, Kernel.SIGKILL);
        }
    }

    /**
     * rmdir(2) on {@code dir} and every cgroup below it, children first. A
     * cgroup directory is removed with its interface files, but only once no
     * task is in it: until the killed processes have exited the kernel answers
     * EBUSY, so that error is retried for up to {@link #RMDIR_TIMEOUT}.
     */
    // tag::remove[]
    static void remove(Path dir) {
        List<Path> cgroups = cgroupsBelow(dir);
        Collections.reverse(cgroups);
        for (Path cgroup : cgroups) {
            long deadline = System.nanoTime() + RMDIR_TIMEOUT.toNanos();
            while (!rmdir(cgroup)) {
                if (System.nanoTime() > deadline) {
                    throw new CgroupException("rmdir " + cgroup + ": still busy after "
                            + RMDIR_TIMEOUT.toSeconds() + " s, processes " + processes(cgroup));
                }
                sleep(Duration.ofMillis(10));
            }
        }
        removeParentIfEmpty(dir);
    }
    // end::remove[]

    /**
     * Removes the shared {@code jocker} directory above a container's cgroup
     * once the last container is gone, so nothing of Jocker stays in the
     * hierarchy. Another container's cgroup in it makes rmdir fail, which is fine.
     * {@link Files#delete} is rmdir(2) for a directory: {@code jocker rm} of a
     * container that has exited needs no native call, and so loads no JNA
     * (a few tens of milliseconds of a new JVM).
     */
    static void removeParentIfEmpty(Path dir) {
        Path parent = dir.getParent();
        if (parent == null || !parent.getFileName().toString().equals(Cgroups.PARENT)) {
            return;
        }
        try {
            Files.delete(parent);
        } catch (IOException stillInUse) {
            // EBUSY (a cgroup holds processes or children) or ENOENT: leave it
        }
    }

    /** True once the directory is gone, false while it is busy. */
    private static boolean rmdir(Path cgroup) {
        try {
            Syscalls.call("rmdir(" + Syscalls.quote(cgroup.toString()) + ")",
                    () -> CgroupLibC.INSTANCE.rmdir(cgroup.toString()));
            return true;
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOENT.number()) {
                return true;
            }
            if (e.errno() == Errno.EBUSY.number()) {
                return false;
            }
            throw e;
        }
    }

    /**
     * {@code dir} and the directories below it, parents before children; empty if it is gone. A cgroup
     * removed while it is listed (the container's monitor cleans up at its exit too, and {@code rm -f}
     * may meet it: seen with both cores busy) is looked at again, not an error.
     */
    private static List<Path> cgroupsBelow(Path dir) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.isDirectory(dir)) {
                return new ArrayList<>();
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                return new ArrayList<>(walk.filter(Files::isDirectory)
                        .sorted(Comparator.comparingInt(Path::getNameCount)).toList());
            } catch (IOException | UncheckedIOException e) {
                Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
                if (!(cause instanceof NoSuchFileException) || attempt == 10) {
                    throw new UncheckedIOException("list cgroups under " + dir,
                            cause instanceof IOException io ? io : new IOException(cause));
                }
            }
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CgroupException("interrupted", e);
        }
    }
}
