package jocker.engine;

import java.util.List;

/**
 * What {@code jocker run} was asked for.
 *
 * @param name       the container's name, or null for a generated one
 * @param hostname   the hostname inside, or null for the short ID, as Docker does
 * @param autoRemove remove the container when it exits ({@code --rm})
 */
public record RunOptions(String image, List<String> command, String name, String hostname, List<String> env,
                         String workdir, boolean autoRemove) {
}
