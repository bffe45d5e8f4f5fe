package jocker.seccomp;

/**
 * The part of a {@link jocker.engine.CreateRequest} that
 * {@code --security-opt seccomp=…} sets: a profile, or none at all
 * ({@code seccomp=unconfined}). A request without this part gets the
 * default profile.
 *
 * @param profile the profile, or null for no filter
 */
public record SeccompSetting(DockerProfile profile) {

    /** {@code seccomp=unconfined}: no filter; every system call reaches the kernel. */
    public static final SeccompSetting UNCONFINED = new SeccompSetting(null);

    public boolean unconfined() {
        return profile == null;
    }
}
