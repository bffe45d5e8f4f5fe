package jocker.course;

/**
 * Test support: what a finished container left, as {@link ContainerRun#run}
 * collects it.
 *
 * @param exitValue the init's raw exit value, as {@code Process.exitValue()} gives it
 * @param out       what the container wrote to stdout
 * @param err       what it wrote to stderr
 */
public record ContainerResult(int exitValue, String out, String err) {

    /** For assertion messages: the student sees what the init said. */
    public String describe() {
        return "container exit value " + exitValue + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
