package jocker.cgroups;

import java.nio.file.Path;

/**
 * The pids controller ({@code Documentation/admin-guide/cgroup-v1/pids.rst}):
 * past {@code pids.max} tasks, fork(2) and clone(2) fail with EAGAIN inside
 * the cgroup, which stops a fork bomb without touching the host. The file and
 * its format are the same in v1 and v2.
 */
final class Pids {

    private Pids() {
    }

    /** {@code pids.max}: a number, or {@code max} for Docker's 0 or -1, "unlimited". */
    static void set(Path dir, Limits limits) {
        if (limits.pidsLimit() != null) {
            long max = limits.pidsLimit();
            // tag::pids[]
            // begin exercise 3.2: write the limit to pids.max (the same file in v1 and v2);
            //   0 or less means no limit, which the file spells "max".
            CgroupFiles.write(dir.resolve("pids.max"), max > 0 ? Long.toString(max) : "max");
            // end exercise 3.2
            // end::pids[]
        }
    }
}
