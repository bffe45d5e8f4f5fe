package jocker.volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.stream.Stream;
import jocker.images.Trees;
import jocker.linux.Errno;
import jocker.linux.InRoot;
import jocker.linux.Kernel;
import jocker.linux.SyscallException;

/**
 * Docker's copy-up: a new volume mounted over a directory of the image
 * starts with that directory's files, owner and mode (a database image's
 * {@code /var/lib/db} with its empty, correctly owned data directory), so
 * the volume does not hide what the image put there.
 *
 * <p>The directory is looked up inside the container's root with
 * {@link InRoot#open}: an image whose {@code /data} is a link to
 * {@code /etc} would otherwise have the engine copy the host's {@code /etc}
 * into a volume the container reads.
 */
final class CopyUp {

    private CopyUp() {
    }

    /** Copies {@code destination} of {@code rootfs} into {@code data} if {@code data} is empty. */
    static void fill(Path data, Path rootfs, String destination) throws IOException {
        if (!isEmpty(data)) {
            return;
        }
        int root = InRoot.openRoot(rootfs);
        try {
            int dir;
            try {
                dir = InRoot.open(root, destination);
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOENT.number()) {
                    return; // the image has nothing there: the init makes the directory
                }
                throw e;
            }
            try {
                Path source = Path.of(InRoot.procPath(dir)); // that very directory, whatever links lead to it
                if (Files.isDirectory(source)) {
                    copyContents(source, data);
                }
            } finally {
                Kernel.close(dir);
            }
        } finally {
            Kernel.close(root);
        }
    }

    private static void copyContents(Path source, Path data) throws IOException {
        try (Stream<Path> children = Files.list(source)) {
            for (Path child : children.toList()) {
                Trees.copy(child, data.resolve(child.getFileName().toString()));
            }
        }
        PosixFileAttributes attributes = Files.readAttributes(source, PosixFileAttributes.class);
        PosixFileAttributeView target = Files.getFileAttributeView(data, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        target.setOwner(attributes.owner());
        target.setGroup(attributes.group());
        target.setPermissions(attributes.permissions());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
