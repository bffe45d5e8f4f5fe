package jocker.course.grading;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Copies and deletes directory trees without following symbolic links, and never across a mount point. */
final class Trees {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private Trees() {
    }

    /**
     * Copies {@code from} to {@code to} (which must not exist), keeping
     * modification times, so that Maven finds compiled classes up to date.
     * Symbolic links are copied as links when {@code links}, else left out;
     * files and directories that {@code skip} accepts are left out.
     *
     * @return how many entries were left out (links, special files)
     */
    static int copy(Path from, Path to, Predicate<Path> skip, boolean links) throws IOException {
        int[] leftOut = {0};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && skip.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (skip.test(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                } else if (attrs.isSymbolicLink() && links) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else {
                    leftOut[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Path target = to.resolve(from.relativize(dir).toString());
                Files.setLastModifiedTime(target, Files.getLastModifiedTime(dir));
                return FileVisitResult.CONTINUE;
            }
        });
        return leftOut[0];
    }

    /**
     * Deletes a tree, if it exists. Refuses when something is mounted inside
     * it (a test killed halfway can leave a mount): deleting would reach into
     * the mounted file system.
     */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path real = dir.toRealPath();
        for (Path mount : mountPoints()) {
            if (mount.startsWith(real)) {
                throw new IOException("will not delete " + dir + ": " + mount
                        + " is mounted inside it; unmount it (umount -R) and run again");
            }
        }
        Files.walkFileTree(dir, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The mount points of this process's mount namespace, from proc(5)'s mountinfo (field 5). */
    static List<Path> mountPoints() throws IOException {
        if (!Files.isReadable(MOUNTINFO)) {
            return List.of();
        }
        return Files.readAllLines(MOUNTINFO).stream()
                .map(line -> line.split(" "))
                .filter(fields -> fields.length > 4)
                .map(fields -> Path.of(fields[4].replace("\\040", " ")))
                .toList();
    }
}
