package jocker.api;

import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import jocker.engine.ContainerNotFoundException;
import jocker.engine.NameConflictException;

/**
 * Which HTTP status an exception from the engine becomes, as dockerd
 * answers: 404 for an object that is not there, 409 for a conflict (a name
 * in use, a running container that must be stopped first), 400 for a bad
 * argument, 500 for the rest.
 */
final class Errors {

    private Errors() {
    }

    static int status(Throwable e) {
        if (e instanceof ApiException api) {
            return api.status();
        }
        if (e instanceof ContainerNotFoundException || e instanceof NoSuchFileException
                || e instanceof FileNotFoundException || notFound(e)) {
            return 404;
        }
        if (e instanceof NameConflictException || e instanceof IllegalStateException) {
            return 409;
        }
        if (e instanceof IllegalArgumentException) {
            return 400;
        }
        return 500;
    }

    /** Chapter 5's image errors say "no such image" (their class is not one of chapter 6's to name here). */
    private static boolean notFound(Throwable e) {
        String m = e.getMessage();
        return m != null && (m.startsWith("No such ") || m.startsWith("no such image") || m.contains("No such image"));
    }

    static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
