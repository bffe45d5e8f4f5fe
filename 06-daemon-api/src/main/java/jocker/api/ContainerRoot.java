package jocker.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.linux.Errno;
import jocker.linux.Kernel;
import jocker.linux.SyscallException;
import jocker.unionfs.ContainerLayers;

/**
 * A container's root filesystem, seen from the host, for {@code docker cp}
 * and {@code docker export}: while the container runs, its shim has its
 * layers mounted at the bundle's {@code rootfs}; for a container that is not
 * running, they are mounted here for the moment they are needed, and
 * unmounted when this is closed.
 *
 * <p>Paths inside are resolved as the container would resolve them
 * ({@link #resolve}): a symbolic link to {@code /etc} means the container's
 * {@code /etc}, never the host's.
 */
final class ContainerRoot implements AutoCloseable {

    /** Linux's limit on symbolic links followed in one lookup (path_resolution(7)). */
    private static final int MAX_LINKS = 40;

    private final Path dir;
    private final boolean mountedHere;

    private ContainerRoot(Path dir, boolean mountedHere) {
        this.dir = dir;
        this.mountedHere = mountedHere;
    }

    /** The root of container {@code state}, mounted if it is not running. */
    static ContainerRoot open(ContainerStore store, ContainerState state) throws IOException {
        Path rootfs = store.rootfs(state.id());
        ContainerLayers layers = ContainerLayers.read(store, state.id());
        if (state.isRunning() || layers == null) { // mounted by its shim; or files chapter 2 copied
            return new ContainerRoot(rootfs, false);
        }
        layers.mount(store, state.id()).mountFromEngine();
        return new ContainerRoot(rootfs, true);
    }

    Path dir() {
        return dir;
    }

    /**
     * The host path of {@code path} inside the container: every symbolic link
     * on the way followed inside the root, {@code ..} stopping at it; the last
     * name is followed too when {@code followLast}.
     */
    Path resolve(String path, boolean followLast) throws IOException {
        Path current = dir;
        Deque<String> names = new ArrayDeque<>(Arrays.asList(path.split("/")));
        int links = 0;
        while (!names.isEmpty()) {
            String name = names.pollFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = current.equals(dir) ? dir : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            boolean last = names.stream().allMatch(n -> n.isEmpty() || n.equals("."));
            if (Files.isSymbolicLink(next) && (!last || followLast)) {
                if (++links > MAX_LINKS) {
                    throw ApiException.badRequest("too many levels of symbolic links in " + path);
                }
                String target = Files.readSymbolicLink(next).toString();
                List<String> more = Arrays.asList(target.split("/"));
                for (int i = more.size() - 1; i >= 0; i--) {
                    names.addFirst(more.get(i));
                }
                if (target.startsWith("/")) {
                    current = dir;
                }
                continue;
            }
            current = next;
        }
        return current;
    }

    /** {@link #resolve}, and 404 when nothing is there. */
    Path existing(String path, boolean followLast) throws IOException {
        Path host = resolve(path, followLast);
        if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.notFound("Could not find the file " + path + " in container");
        }
        return host;
    }

    @Override
    public void close() {
        if (mountedHere) {
            try {
                Kernel.umount2(dir.toString(), Kernel.MNT_DETACH);
            } catch (SyscallException e) {
                if (e.errno() != Errno.EINVAL.number()) {
                    throw e;
                }
            }
        }
    }
}
