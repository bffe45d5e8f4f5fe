package jocker.security;

import java.util.ArrayList;
import java.util.List;
import jocker.spec.Spec;

/**
 * The part of a {@code CreateRequest} that says whom the container's process
 * runs as and what it may still do: {@code -u}, {@code --cap-add},
 * {@code --cap-drop}, {@code --privileged}. Capability names are normalized
 * ({@code CAP_NET_ADMIN}, or {@code ALL}); an unknown one is refused here,
 * before anything is created.
 *
 * @param user       {@code -u UID[:GID]}, or null for root
 * @param capAdd     capabilities to add to Docker's default set
 * @param capDrop    capabilities to take from it
 * @param privileged every capability, and none of the other confinement
 */
public record Confinement(UserIds user, List<String> capAdd, List<String> capDrop, boolean privileged) {

    /** Root, with Docker's default capabilities. */
    public static final Confinement DEFAULT = new Confinement(null, List.of(), List.of(), false);

    public Confinement {
        capAdd = Capabilities.normalize(capAdd);
        capDrop = Capabilities.normalize(capDrop);
    }

    /**
     * Whether this is {@link #DEFAULT}, field by field: {@code equals} would
     * do, but a record's generated equals is linked the first time it runs
     * (an invokedynamic call site, method handles spun for it), some 30 ms
     * of {@code jocker run}'s start. Not {@code isDefault}: Jackson would
     * write that as a property of the record.
     */
    public boolean keepsDockerDefaults() {
        return user == null && capAdd.isEmpty() && capDrop.isEmpty() && !privileged;
    }

    /** The capabilities the container keeps, by Docker's rules, on a kernel whose last capability is {@code lastCap}. */
    public List<String> capabilities(int lastCap) {
        return Capabilities.resolve(capAdd, capDrop, privileged, lastCap);
    }

    /**
     * {@code process.capabilities} as Docker writes them (moby,
     * {@code oci.SetCapabilities}): for root the kept ones are bounding,
     * effective and permitted; for any other user only bounding, since
     * execve(2) empties the effective and permitted sets of a non-root
     * process anyway. Inheritable and ambient stay empty: a program's file
     * capabilities can then add nothing the bounding set does not allow.
     */
    public static Spec.Capabilities forUser(List<String> kept, int uid) {
        Spec.Capabilities caps = new Spec.Capabilities();
        caps.bounding = new ArrayList<>(kept);
        if (uid == 0) {
            caps.effective = new ArrayList<>(kept);
            caps.permitted = new ArrayList<>(kept);
        }
        return caps;
    }
}
