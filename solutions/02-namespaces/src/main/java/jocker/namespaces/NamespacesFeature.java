package jocker.namespaces;

import java.util.List;
import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Feature;
import jocker.spec.Spec;

/**
 * Chapter 2's part of the spec: new namespaces, the hostname, the kernel's
 * filesystems and what of them to hide. The init's {@link NamespaceSteps}
 * carry it out.
 */
public final class NamespacesFeature implements Feature {

    @Override
    public int chapter() {
        return 2;
    }

    // tag::configure[]
    @Override
    public void configure(Spec spec, CreateRequest request, ContainerState state) {
        configure(spec, state.hostname());
    }

    /**
     * Chapter 2's fields: every namespace, {@code hostname}, /proc, /dev,
     * /sys, masked and read-only paths.
     */
    public static void configure(Spec spec, String hostname) {
        spec.hostname = hostname;
        Spec.Linux linux = spec.linux();
        for (Namespace ns : Namespace.ALL) {
            linux.namespaces.add(new Spec.Namespace(ns.specType()));
        }
        // As runc's default spec and Docker mount them.
        spec.mounts.add(new Spec.Mount("/proc", "proc", "proc",
                List.of("nosuid", "noexec", "nodev")));
        spec.mounts.add(new Spec.Mount("/dev", "tmpfs", "tmpfs",
                List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
        spec.mounts.add(new Spec.Mount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620")));
        spec.mounts.add(new Spec.Mount("/dev/shm", "tmpfs", "shm",
                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
        spec.mounts.add(new Spec.Mount("/sys", "sysfs", "sysfs",
                List.of("nosuid", "noexec", "nodev", "ro")));
        linux.maskedPaths.addAll(Masks.MASKED);
        linux.readonlyPaths.addAll(Masks.READ_ONLY);
    }
    // end::configure[]
}
