package jocker.cli;

/** What chapter 2's commands share. */
final class ContainerCli {

    /** Why chapter 2's commands need root, for {@link jocker.cli.Jocker#requireRoot}. */
    static final String WHY_ROOT = "unshare(2), mount(2) and pivot_root(2) require CAP_SYS_ADMIN";

    private ContainerCli() {
    }
}
