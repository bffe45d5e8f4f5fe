package jocker.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory controller: a hard limit on the RAM (and swap) a cgroup may be
 * charged for. Past it the kernel reclaims, and if that fails the OOM killer
 * picks a process inside the cgroup, never outside.
 */
final class Memory {

    private Memory() {
    }

    /**
     * v1 ({@code Documentation/admin-guide/cgroup-v1/memory.rst}):
     * {@code memory.limit_in_bytes} for RAM and
     * {@code memory.memsw.limit_in_bytes} for RAM plus swap, the same sum
     * Docker's {@code --memory-swap} is. The kernel refuses a memsw limit below
     * the memory limit at every moment, so the order depends on which way the
     * limits move (runc's {@code setMemoryAndSwap}). The memsw file exists only
     * with swap accounting on; without it the swap limit cannot be applied and
     * is dropped, as Docker does with a warning.
     */
    static void setV1(Path dir, Limits limits) {
        if (limits.memoryBytes() == null) {
            return;
        }
        Path memory = dir.resolve("memory.limit_in_bytes");
        Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
        long total = limits.memorySwapTotal();
        // tag::memory-v1[]
        // begin exercise 3.1: write the memory limit to memory.limit_in_bytes and,
        //   where the file exists (swap accounting on), memory+swap to
        //   memory.memsw.limit_in_bytes. The kernel refuses a memsw below the memory
        //   limit in force, so write whichever keeps memsw >= memory at every step.
        if (!Files.exists(memsw)) {
            CgroupFiles.write(memory, limits.memoryBytes());
        } else if (total == -1 || CgroupFiles.readLong(memory) < total) {
            // The new memsw is above the memory limit in force: it can go first.
            CgroupFiles.write(memsw, total);
            CgroupFiles.write(memory, limits.memoryBytes());
        } else {
            // Shrinking below the memory limit in force: lower memory first.
            CgroupFiles.write(memory, limits.memoryBytes());
            CgroupFiles.write(memsw, total);
        }
        // end exercise 3.1
        // end::memory-v1[]
    }

    /**
     * v2 (cgroup-v2.rst, "Memory Interface Files"): {@code memory.max} for RAM
     * and {@code memory.swap.max} for swap <em>alone</em>, so Docker's sum is
     * split: swap = memory-swap - memory, {@code max} for -1. The two are
     * independent, so any order works. {@code memory.swap.max} exists only
     * with swap accounting compiled in.
     */
    static void setV2(Path dir, Limits limits) {
        if (limits.memoryBytes() == null) {
            return;
        }
        long total = limits.memorySwapTotal();
        Path swap = dir.resolve("memory.swap.max");
        // tag::memory-v2[]
        // begin exercise 3.1: write memory.max, and memory.swap.max where it exists: v2 counts swap
        //   alone (Docker's memory-swap minus memory), "max" for unlimited.
        CgroupFiles.write(dir.resolve("memory.max"), limits.memoryBytes());
        if (Files.exists(swap)) {
            CgroupFiles.write(swap, total == -1 ? "max" : Long.toString(total - limits.memoryBytes()));
        }
        // end exercise 3.1
        // end::memory-v2[]
    }
}
