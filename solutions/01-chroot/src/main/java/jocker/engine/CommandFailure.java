package jocker.engine;

/**
 * An error that decides jocker's exit status itself, as Docker's CLI does
 * for a daemon's answer: 1 for {@code No such container}, not 125. Thrown by
 * the engines (chapter 6's remote one), read by the command line.
 */
public interface CommandFailure {

    int exitStatus();
}
