package jocker.images;

import java.util.List;

/**
 * What {@code jocker run} says over the image's config, chapter 5's part of
 * a {@link jocker.engine.CreateRequest}: {@code --entrypoint}, {@code -u}
 * and {@code --stop-signal}.
 *
 * @param entrypoint the entrypoint, or null for the image's ({@code --entrypoint ""} clears it)
 * @param user       {@code name|uid[:group|gid]}, or null for the image's {@code User}
 * @param stopSignal the signal {@code stop} sends first ({@code SIGQUIT}, {@code QUIT}, {@code 3}), or null
 *                   for the image's {@code StopSignal}, else SIGTERM
 */
public record ImageOverrides(List<String> entrypoint, String user, String stopSignal) {

    public static final ImageOverrides NONE = new ImageOverrides(null, null, null);

    public ImageOverrides {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    }

    /**
     * Whether this is {@link #NONE}, field by field (see {@code
     * Confinement.keepsDockerDefaults} for why not equals; not {@code isNone}:
     * Jackson would write that as a property).
     */
    public boolean overridesNothing() {
        return entrypoint == null && user == null && stopSignal == null;
    }

    public ImageOverrides(List<String> entrypoint, String user) {
        this(entrypoint, user, null);
    }
}
