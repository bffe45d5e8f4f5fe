package jocker.images;

import java.util.List;

/**
 * What {@code jocker run} says over the image's config, chapter 5's part of
 * a {@link jocker.engine.CreateRequest}: {@code --entrypoint} and {@code -u}.
 *
 * @param entrypoint the entrypoint, or null for the image's ({@code --entrypoint ""} clears it)
 * @param user       {@code name|uid[:group|gid]}, or null for the image's {@code User}
 */
public record ImageOverrides(List<String> entrypoint, String user) {

    public static final ImageOverrides NONE = new ImageOverrides(null, null);
}
