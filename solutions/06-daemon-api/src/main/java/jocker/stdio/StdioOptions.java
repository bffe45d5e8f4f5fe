package jocker.stdio;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * The options of container {@code id}; {@link #NONE} for one created
     * before chapter 6. Read as a map, with jackson-jr like the container's
     * state (ContainerStore#readRecord): Docker's names are this record's
     * annotations, for databind, which {@code jocker inspect} and every start
     * would otherwise load for three booleans.
     */
    public static StdioOptions of(ContainerStore store, String id) throws IOException {
        Map<?, ?> json = store.readRecord(id, FILE, Map.class);
        if (json == null) {
            return NONE;
        }
        return new StdioOptions(Boolean.TRUE.equals(json.get("Tty")), Boolean.TRUE.equals(json.get("OpenStdin")),
                Boolean.TRUE.equals(json.get("StdinOnce")));
    }

    /** Writes {@code stdio.json} of container {@code id}, in Docker's names. */
    public void write(ContainerStore store, String id) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Tty", tty);
        json.put("OpenStdin", openStdin);
        json.put("StdinOnce", stdinOnce);
        store.writeRecord(id, FILE, json);
    }
}
