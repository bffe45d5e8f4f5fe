package jocker.cli;

import picocli.CommandLine;

/**
 * A {@code jocker} subcommand, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/jocker.cli.Subcommand}). Each chapter adds its
 * own; when two have the same name, the one from the later chapter wins, so
 * chapter 2's {@code run} (with namespaces) replaces chapter 1's.
 *
 * <p>Implementations are picocli {@code @Command} classes.
 */
public interface Subcommand {

    /** The chapter that provides this command; the highest wins a name. */
    int chapter();

    /** Adds what later chapters contribute to this command, such as options (chapter 3's limits on run). */
    default void extend(CommandLine commandLine, int upTo) {
    }
}
