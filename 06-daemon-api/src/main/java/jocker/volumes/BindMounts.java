package jocker.volumes;

import static jocker.linux.Kernel.MS_BIND;
import static jocker.linux.Kernel.MS_NODEV;
import static jocker.linux.Kernel.MS_NOEXEC;
import static jocker.linux.Kernel.MS_NOSUID;
import static jocker.linux.Kernel.MS_RDONLY;
import static jocker.linux.Kernel.MS_REC;
import static jocker.linux.Kernel.MS_REMOUNT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.linux.InRoot;
import jocker.linux.Kernel;
import jocker.namespaces.RootfsSetup;
import jocker.runtime.InitContext;
import jocker.runtime.Phase;
import jocker.runtime.PhasedStep;
import jocker.spec.Spec;

/**
 * The init's side of volumes: each {@code bind} entry of the spec's
 * {@code mounts} mounted into the root filesystem, before the root switch,
 * while the host's paths (the sources) can still be named. runc does the
 * same in {@code mountToRootfs}, between making the mounts private and
 * {@code pivot_root}; chapter 2's rbind of the root then carries them along.
 */
public final class BindMounts extends PhasedStep {

    public BindMounts() {
        super(Phase.MOUNTS, 6);
    }

    @Override
    public void run(InitContext context) {
        List<Spec.Mount> binds = context.spec().mounts.stream().filter(m -> "bind".equals(m.type)).toList();
        if (binds.isEmpty()) {
            return;
        }
        if (!context.spec().hasNamespace("mount")) {
            throw new IllegalArgumentException("bind mounts need a mount namespace of the container's own: "
                    + "without one they would be mounted on the host");
        }
        RootfsSetup.makeMountsPrivate(); // else, where / is shared, each bind would appear on the host too
        int root = InRoot.openRoot(context.rootfs());
        try {
            for (Spec.Mount bind : binds) {
                mount(root, bind);
            }
        } finally {
            Kernel.close(root);
        }
    }

    // tag::bind[]
    /**
     * Mounts {@code bind.source} (a host path) on {@code bind.destination}
     * inside the root, made if missing, through the descriptor that
     * {@link InRoot} found it by: never outside the root, whatever links the
     * image has. Read-only takes a second call: mount(2) ignores
     * {@code MS_RDONLY} when it makes a bind, and applies it only as a
     * remount of the bind; a remount sets every per-mount flag at once, so it
     * keeps the source's nosuid, nodev and noexec.
     */
    static void mount(int root, Spec.Mount bind) {
        Path source = Path.of(bind.source);
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("bind source path does not exist: " + source);
        }
        boolean directory = Files.isDirectory(source);
        int target = InRoot.create(root, bind.destination, directory);
        try {
            if (Files.isDirectory(Path.of(InRoot.procPath(target))) != directory) {
                String what = directory ? "a directory" : "a file";
                String has = directory ? "file" : "directory";
                throw new IllegalArgumentException("cannot mount " + what + " on " + bind.destination
                        + ", which the image has as a " + has);
            }
            Kernel.mount(bind.source, InRoot.procPath(target), null, MS_BIND | MS_REC, null);
        } finally {
            Kernel.close(target);
        }
        if (bind.options != null && bind.options.contains("ro")) {
            // Looked up again: the descriptor above is the directory under the new mount,
            // not its root.
            int mounted = InRoot.open(root, bind.destination);
            try {
                long keep = InRoot.mountFlags(bind.source) & (MS_NOSUID | MS_NODEV | MS_NOEXEC);
                Kernel.mount(null, InRoot.procPath(mounted), null,
                        MS_BIND | MS_REMOUNT | MS_RDONLY | keep, null);
            } finally {
                Kernel.close(mounted);
            }
        }
    }
    // end::bind[]
}
