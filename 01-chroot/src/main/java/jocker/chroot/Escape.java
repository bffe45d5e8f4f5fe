package jocker.chroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jocker.course.Exercise;
import jocker.linux.Syscalls;

/**
 * The classic way out of a chroot jail, for a process that is root inside it.
 *
 * <p>{@code chroot(2)} changes where a path that starts with {@code /} begins
 * and where {@code ..} stops, for the calling process. It does not move the
 * working directory, and the kernel stops {@code ..} only at the process's
 * root itself. So: chroot into a subdirectory while the working directory
 * stays above it, and the working directory is now outside the root, where
 * nothing stops {@code ..} until the real {@code /}. A last {@code chroot(".")}
 * makes that the root again. Chapter 2 closes this hole with mount
 * namespaces and {@code pivot_root(2)}.
 */
public final class Escape {

    /** How far up to walk: more than enough; at the real root {@code ..} is {@code /} itself. */
    static final int MAX_DEPTH = 256;

    private Escape() {
    }

    // tag::escape[]
    /** Run inside the jail, as root: afterwards this process's root is the host's. */
    public static void breakOut() {
        Path cell = Path.of("/.escape");
        try {
            Files.createDirectories(cell);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Exercise 1.6: chroot(2) into the new directory without moving the working
        //   directory, walk up with chdir("..") until you stand at the host's root,
        //   and make it the root again with chroot(".").
        Exercise.todo("1.6", "chroot(2) into the new directory without moving the working directory, walk up with chdir(\"..\") until you stand at the host's root, and make it the root again with chroot(\".\").");
    }
    // end::escape[]
}
