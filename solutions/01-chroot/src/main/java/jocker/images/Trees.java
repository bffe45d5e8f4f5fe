package jocker.images;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copying and deleting directory trees the way {@code cp -a} and
 * {@code rm -rf} do: symbolic links are copied and deleted as links, never
 * followed. Following one would copy or delete the host's files: a link in a
 * container's rootfs can point anywhere.
 */
public final class Trees {

    private static final AtomicLong TEMP_FILES = new AtomicLong();

    private Trees() {
    }

    /** Copies {@code source} to {@code target}, which must not exist, keeping modes and links. */
    public static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.copy(dir, target.resolve(source.relativize(dir)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file)),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code dir} and everything in it; a missing {@code dir} is fine. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Renames the directory {@code partial} to {@code target} in one
     * rename(2), so {@code target} is there whole or not at all. Returns false,
     * and leaves {@code partial} where it is, when {@code target} is there
     * already: another process made it at the same time, and its copy wins.
     * (rename(2) says ENOTEMPTY or EEXIST then; Java reports ENOTEMPTY from a
     * rename as a plain {@link FileSystemException}, so the test is whether
     * {@code target} exists after the failure.)
     */
    public static boolean moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException lost) {
            return false;
        } catch (FileSystemException e) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * A new empty file in {@code dir}, readable by its owner only, named
     * {@code <prefix><pid>-<n><suffix>}: for a file written beside its final
     * name and then renamed over it. Unique as the PID and the counter are;
     * made with O_EXCL, so one that a killed process with the same PID left
     * is stepped over. ({@link Files#createTempFile} draws its names from a
     * {@code SecureRandom}, whose seeding costs each new JVM milliseconds:
     * every command writes at least one file.)
     */
    public static Path newTempFile(Path dir, String prefix, String suffix) throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        while (true) {
            Path tmp = dir.resolve(prefix + pid + "-" + TEMP_FILES.incrementAndGet() + suffix);
            try {
                return Files.createFile(tmp, OWNER_ONLY);
            } catch (FileAlreadyExistsException leftOver) {
                // the next number
            }
        }
    }

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE));
}
