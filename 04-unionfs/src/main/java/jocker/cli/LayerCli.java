package jocker.cli;

/** What chapter 4's commands share. */
final class LayerCli {

    /** Why chapter 4's commands need root, for {@link jocker.cli.Jocker#requireRoot}. */
    static final String WHY_ROOT = "overlayfs's whiteouts and its trusted.overlay.* attributes "
            + "can be made and read only with CAP_MKNOD and CAP_SYS_ADMIN";

    private LayerCli() {
    }
}
