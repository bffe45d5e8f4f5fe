package jocker.cgroups;

/** Test support: whether this host's cgroups can hold Jocker's containers, for the tests that need them. */
final class HostCgroups {

    private HostCgroups() {
    }

    /** Why {@link Cgroups#host()} cannot serve (controllers missing, no cgroup file system), or null when it can. */
    static String problem() {
        try {
            Cgroups.host().version();
            return null;
        } catch (CgroupException e) {
            return e.getMessage();
        }
    }
}
