package jocker.images;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jocker.course.TestRootfs;
import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.runtime.Stdio;
import jocker.spec.Spec;

/**
 * Test support: an engine on a temporary state directory, and images of
 * the store made here: the busybox layer, and over it a layer of the test's
 * own files ({@code /etc/passwd}, {@code /etc/group} …) with a config that
 * says how to run it. Nothing here asks the code under test what it did.
 */
final class UserImages implements AutoCloseable {

    /** What a container printed (stdout and stderr) and how it ended. */
    record Run(ContainerState state, int status, String out) {
    }

    interface Filler {
        void fill(Path tree) throws Exception;
    }

    final Path root;
    final Engine engine;
    final LocalImages images;

    UserImages(Path root) {
        this.root = root;
        TestRootfs.createImage(root);
        this.engine = new Engine(root);
        this.images = new LocalImages(root);
    }

    /** Run settings: the fields a test sets, the others empty. */
    static ImageConfig.Config config(String user, List<String> env, List<String> entrypoint, List<String> cmd,
                                     String workingDir, String stopSignal) {
        return new ImageConfig.Config(user, null, env, entrypoint, cmd, null, workingDir, null, stopSignal, null);
    }

    /** Records image {@code name}: busybox's layer, then one of the files {@code fill} writes; returns it. */
    LocalImages.Image image(String name, ImageConfig.Config config, Filler fill) throws Exception {
        LocalImages.Image busybox = images.builtIn();
        Path tree = Files.createTempDirectory(root, "tree-");
        fill.fill(tree);
        Descriptor top = images.layerFromTree(tree);
        List<Descriptor> layers = new ArrayList<>(busybox.manifest().layers());
        layers.add(top);
        List<String> diffIds = new ArrayList<>(busybox.config().rootfs().diffIds());
        diffIds.add(top.digest().toString());
        String now = Instant.now().toString();
        ImageConfig image = new ImageConfig(now, null, "amd64", "linux", config,
                new ImageConfig.RootFs("layers", diffIds), List.of());
        return images.add(image, layers, Reference.parse(name));
    }

    /** {@code /etc/passwd} and {@code /etc/group} of the test, with the directories they name. */
    static void accounts(Path tree, String passwd, String group) throws Exception {
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(tree.resolve("etc/passwd"), passwd);
        Files.writeString(tree.resolve("etc/group"), group);
    }

    /** A request as {@code jocker run IMAGE COMMAND…} makes it, with {@code -e} values after the defaults. */
    static CreateRequest request(String image, List<String> command, String... env) {
        List<String> all = new ArrayList<>(Spec.DEFAULT_ENV);
        all.addAll(List.of(env));
        return new CreateRequest(image, command, null, null, all, "/", false);
    }

    /** Creates the container and runs it to its end; the container is kept. */
    Run run(CreateRequest request) throws Exception {
        ContainerState s = engine.create(request);
        Path out = root.resolve("out-" + s.id());
        int status = engine.runForeground(s.id(), new Stdio(Redirect.from(new File("/dev/null")),
                Redirect.to(out.toFile()), Redirect.to(out.toFile())));
        return new Run(s, status, Files.readString(out));
    }

    /** The number of containers in the store. */
    int containers() throws Exception {
        return engine.store().list().size();
    }

    /** Removes every container, running or not: nothing of a test outlives it. */
    @Override
    public void close() throws Exception {
        for (ContainerState s : engine.store().list()) {
            engine.remove(s.id(), true);
        }
    }
}
