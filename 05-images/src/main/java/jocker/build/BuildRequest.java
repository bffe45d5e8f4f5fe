package jocker.build;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jocker.runtime.Stdio;

/**
 * What {@code jocker build} is asked to do.
 *
 * @param context    the build context: the directory COPY and ADD read
 * @param dockerfile the Dockerfile: {@code context/Dockerfile} unless {@code -f} says otherwise
 * @param tags       the names the image gets ({@code -t}), possibly none
 * @param buildArgs  {@code --build-arg NAME=VALUE}s
 * @param target     the stage to stop at ({@code --target}), or null for the last
 * @param noCache    whether to run every step again ({@code --no-cache})
 * @param out        where the steps are reported
 * @param runOutput  where RUN's containers write: the terminal, or nowhere with {@code -q}
 */
public record BuildRequest(Path context, Path dockerfile, List<String> tags, Map<String, String> buildArgs,
                           String target, boolean noCache, PrintStream out, Stdio runOutput) {

    public BuildRequest {
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
    }
}
