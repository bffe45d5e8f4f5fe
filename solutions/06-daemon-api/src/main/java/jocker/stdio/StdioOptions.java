package jocker.stdio;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import jocker.engine.ContainerStore;

/**
 * How a container's standard streams are set up, Docker's create options
 * ({@code docker run -i -t}): a part of the engine's {@code CreateRequest},
 * kept in the container's directory as {@code stdio.json} for its shim.
 *
 * @param tty       {@code Tty}: a pseudo-terminal is the command's stdin, stdout and stderr
 * @param openStdin {@code OpenStdin}: the command's stdin can be written through attach
 * @param stdinOnce {@code StdinOnce}: the first attached client that closes stdin closes it for the command
 */
public record StdioOptions(@JsonProperty("Tty") boolean tty, @JsonProperty("OpenStdin") boolean openStdin,
                           @JsonProperty("StdinOnce") boolean stdinOnce) {

    static final String FILE = "stdio.json";

    /** No terminal, no stdin: Docker's defaults. */
    public static final StdioOptions NONE = new StdioOptions(false, false, false);

    /** The options of container {@code id}; {@link #NONE} for one created before chapter 6. */
    public static StdioOptions of(ContainerStore store, String id) throws IOException {
        if (!Files.exists(store.dir(id).resolve(FILE))) {
            return NONE;
        }
        return store.readJson(id, FILE, StdioOptions.class);
    }
}
