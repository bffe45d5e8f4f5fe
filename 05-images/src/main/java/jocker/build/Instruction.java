package jocker.build;

import java.util.List;
import java.util.Map;

/**
 * One instruction of a Dockerfile, as the parser read it, before any
 * variable is expanded.
 *
 * @param line     the line it starts on (1-based), for error messages
 * @param keyword  the instruction in capitals: {@code FROM}, {@code RUN}, …
 * @param flags    the {@code --name=value} flags before the arguments ({@code --from}, {@code --chown}, …)
 * @param args     the arguments: the elements of the JSON array in exec form; in shell form the one command
 *                 line (RUN, CMD, ENTRYPOINT), the words (COPY, ADD, EXPOSE, VOLUME, FROM), the raw
 *                 {@code key=value} pairs (ENV, LABEL, ARG) or the one rest of the line (WORKDIR, USER, …)
 * @param execForm whether the arguments were a JSON array ({@code CMD ["echo", "hi"]})
 * @param text     the instruction as written, continuation lines joined: what {@code Step N/M : …} shows
 */
public record Instruction(int line, String keyword, Map<String, String> flags, List<String> args,
                          boolean execForm, String text) {

    public Instruction {
        flags = Map.copyOf(flags);
        args = List.copyOf(args);
    }

    /** The value of flag {@code --name}, or null. */
    public String flag(String name) {
        return flags.get(name);
    }

    /** An error about this instruction: {@code Dockerfile:7: COPY: message}. */
    public DockerfileException error(String fileName, String message) {
        return DockerfileException.at(fileName, line, keyword, message);
    }
}
