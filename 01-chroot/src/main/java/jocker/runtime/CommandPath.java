package jocker.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the program to execute the way {@code execvp(3)} does, but in the
 * container's PATH rather than the init's: a name with a slash is used as it
 * is; any other name is looked up in each directory of PATH in turn.
 *
 * <p>It runs inside the container, after the root switch, so every path it
 * tests is a path in the container's root filesystem.
 */
public final class CommandPath {

    private CommandPath() {
    }

    public static String resolve(String name, String path) {
        if (name.contains("/")) {
            return name;
        }
        if (path != null) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new CommandNotFoundException(name);
    }

    /** Docker's exit status 127: the command is not in the container. */
    public static final class CommandNotFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommandNotFoundException(String name) {
            super("exec: \"" + name + "\": executable file not found in $PATH");
        }
    }
}
