package jocker.unionfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.Feature;
import jocker.images.Images;
import jocker.linux.Errno;
import jocker.linux.Kernel;
import jocker.linux.SyscallException;
import jocker.spec.Spec;

/**
 * Chapter 4's part of the engine: a container gets an empty upper layer over
 * its image's layers instead of a copy of its files. As containerd does for
 * runc, the engine mounts the union at the bundle's {@code root.path} before
 * the runtime starts, so the bundle is ready to run, and unmounts it when the
 * command has ended. The upper layer is in the container's directory and
 * goes with {@code rm}.
 */
public final class OverlayFeature implements Feature {

    @Override
    public int chapter() {
        return 4;
    }

    // tag::prepare[]
    @Override
    public boolean prepareRoot(ContainerStore store, ContainerState state) throws IOException {
        Images.Image image = new Images(store.root()).get(state.image());
        Files.createDirectories(ContainerLayers.upper(store, state.id()));
        Files.createDirectories(ContainerLayers.work(store, state.id()));
        // the mount point; empty until the container starts
        Files.createDirectories(store.rootfs(state.id()));
        new ContainerLayers(image.reference(), image.layers()).write(store, state.id());
        return true;
    }

    @Override
    public void beforeStart(ContainerStore store, ContainerState state, Spec spec)
            throws IOException {
        ContainerLayers layers = ContainerLayers.read(store, state.id());
        if (layers != null) {
            unmount(store.rootfs(state.id())); // left by a run whose monitor was killed
            layers.mount(store, state.id()).mountFromEngine();
        }
    }
    // end::prepare[]

    @Override
    public void afterExit(ContainerStore store, ContainerState state, int status) {
        unmount(store.rootfs(state.id()));
    }

    /** Also when nobody saw the container end (its monitor was killed): no mount outlives it. */
    @Override
    public void beforeRemove(ContainerStore store, ContainerState state) throws IOException {
        Path rootfs = store.rootfs(state.id());
        if (isMountPoint(rootfs)) { // most containers are removed after they exited, unmounted: no native call
            unmount(rootfs);
        }
    }

    /**
     * After a crash: a commit killed while its container was frozen thaws the
     * container ({@link Commit#recover}); a layer mount whose container ended
     * unseen (its monitor was killed) or is gone is unmounted. A container
     * still being created or started keeps its mount: it is in {@code created}
     * between the mount and its start, and {@link #beforeStart} replaces a
     * leftover one anyway.
     */
    @Override
    public void recover(ContainerStore store) throws IOException {
        Commit.recover(store);
        for (Path mounted : mountedRoots(store)) {
            String id = mounted.getParent().getParent().getFileName().toString();
            ContainerState state;
            try {
                state = store.read(id);
            } catch (IOException gone) {
                state = null; // removed, or its record is broken: nothing will start from this mount
            }
            boolean ended = state == null || ContainerState.EXITED.equals(state.status())
                    || ContainerState.RUNNING.equals(state.status()) && !state.isRunning();
            if (ended) {
                unmount(mounted);
            }
        }
    }

    /** The mount points under {@code containers/*}{@code /bundle/rootfs} in this mount namespace. */
    static List<Path> mountedRoots(ContainerStore store) throws IOException {
        Path containers = store.root().resolve("containers");
        List<Path> roots = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            // mountinfo(5): the fifth field is the mount point, with spaces and such octal-escaped.
            String[] f = line.split(" ");
            Path point = Path.of(f[4].replace("\\040", " "));
            if (point.startsWith(containers) && point.getNameCount() == containers.getNameCount() + 3
                    && point.endsWith(Path.of("bundle", "rootfs"))) {
                roots.add(point);
            }
        }
        return roots;
    }

    /** Whether something is mounted on {@code dir} in this mount namespace; false if there is no {@code dir}. */
    static boolean isMountPoint(Path dir) throws IOException {
        Path real;
        try {
            real = dir.toRealPath(); // mountinfo has no symbolic link in its paths
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException unreadable) {
            return true; // a broken mount, say: try to detach it
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            if (Path.of(line.split(" ")[4].replace("\\040", " ")).equals(real)) {
                return true;
            }
        }
        return false;
    }

    /** Detaches whatever is mounted on {@code dir}; nothing there (EINVAL) or no dir (ENOENT) is fine. */
    static void unmount(Path dir) {
        try {
            Kernel.umount2(dir.toString(), Kernel.MNT_DETACH);
        } catch (SyscallException e) {
            if (e.errno() != Errno.EINVAL.number() && e.errno() != Errno.ENOENT.number()) {
                throw e;
            }
        }
    }
}
