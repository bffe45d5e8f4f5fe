package jocker.build;

/**
 * A Dockerfile that cannot be parsed or built. The message names the file,
 * the line and the instruction, as a compiler's would:
 * {@code Dockerfile:7: COPY: needs a source and a destination}.
 */
public class DockerfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DockerfileException(String message) {
        super(message);
    }

    public DockerfileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error at {@code line} of {@code file}, in {@code keyword}'s arguments. */
    public static DockerfileException at(String file, int line, String keyword, String message) {
        return new DockerfileException(file + ":" + line + ": " + keyword + ": " + message);
    }
}
