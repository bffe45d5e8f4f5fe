package jocker.unionfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jocker.namespaces.ContainerInit;
import jocker.namespaces.InitHook;
import jocker.namespaces.RootfsSetup;

/**
 * The init's side of chapter 4: before chapter 2's root switch, it mounts the
 * container's layers on the directory that becomes its {@code /}. The mount
 * is made in the container's own mount namespace, so the host never sees it
 * and nothing has to unmount it: it goes when the namespace's last process does.
 */
public final class OverlayInit implements InitHook {

    static final String LAYERS = "--overlay-layers=";
    static final String LOWER = "--overlay-lower=";
    static final String UPPER = "--overlay-upper=";
    static final String WORK = "--overlay-work=";
    static final String MERGED = "--overlay-merged=";

    // tag::before-root-switch[]
    @Override
    public void beforeRootSwitch(List<String> args) throws IOException {
        String layers = ContainerInit.take(args, LAYERS);
        String lower = ContainerInit.take(args, LOWER);
        String upper = ContainerInit.take(args, UPPER);
        String work = ContainerInit.take(args, WORK);
        String merged = ContainerInit.take(args, MERGED);
        if (lower == null) {
            return; // a container of copied files, made before chapter 4
        }
        ContainerInit.requireNewNamespaces(); // never mount on the host's tree
        RootfsSetup.makeMountsPrivate(); // or the mount would propagate to the host
        new OverlayMount(Path.of(layers), Arrays.asList(lower.split(":")), Path.of(upper), Path.of(work),
                Path.of(merged)).mount();
    }
    // end::before-root-switch[]
}
