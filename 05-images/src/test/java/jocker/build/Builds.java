package jocker.build;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jocker.course.TestRootfs;
import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.images.LocalImages;
import jocker.runtime.Stdio;
import jocker.spec.Spec;

/**
 * Test support: a state directory with the busybox image, a build context,
 * builds whose report and RUN output land in one log, and containers of
 * the images built, run through the engine and removed.
 */
final class Builds implements AutoCloseable {

    /** What a build printed, and the image it made or the error it stopped with. */
    record Result(LocalImages.Image image, String out, DockerfileException error) {

        /** How many steps said {@code ---> Using cache}. */
        long cached() {
            return out.lines().filter(line -> line.equals(" ---> Using cache")).count();
        }
    }

    /** How a container of a built image ended, and what it printed. */
    record Run(int status, String out) {
    }

    final Path root;
    final Path context;
    final Engine engine;
    private int count;

    Builds(Path dir) throws IOException {
        this.root = dir.resolve("state");
        this.context = Files.createDirectories(dir.resolve("context"));
        TestRootfs.createImage(root);
        this.engine = new Engine(root);
    }

    /** Writes {@code content} to {@code name} in the context. */
    Path file(String name, String content) throws IOException {
        Path file = context.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    Result build(String dockerfile, String... tags) throws Exception {
        return build(dockerfile, Map.of(), null, tags);
    }

    /** Builds the Dockerfile {@code dockerfile} (written to the context) with these options. */
    Result build(String dockerfile, Map<String, String> buildArgs, String target, String... tags) throws Exception {
        file("Dockerfile", dockerfile);
        Path log = root.resolve("build-" + ++count + ".log");
        Files.createFile(log);
        try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true)) {
            BuildRequest request = new BuildRequest(context, context.resolve("Dockerfile"), List.of(tags), buildArgs,
                    target, false, out, new Stdio(Redirect.from(new File("/dev/null")), Redirect.appendTo(log.toFile()),
                            Redirect.appendTo(log.toFile())));
            LocalImages.Image image = new Builder(root).build(request);
            return new Result(image, Files.readString(log), null);
        } catch (DockerfileException e) {
            return new Result(null, Files.readString(log), e);
        }
    }

    /** Runs a container of {@code image} ({@code command} empty: the image's own) to its end, then removes it. */
    Run run(String image, String... command) throws Exception {
        ContainerState s = engine.create(new CreateRequest(image, List.of(command), null, null, Spec.DEFAULT_ENV,
                null, false));
        Path out = root.resolve("run-" + s.id() + ".log");
        try {
            Files.createFile(out); // both streams append to it, so neither overwrites the other
            int status = engine.runForeground(s.id(), new Stdio(Redirect.from(new File("/dev/null")),
                    Redirect.appendTo(out.toFile()), Redirect.appendTo(out.toFile())));
            return new Run(status, Files.readString(out));
        } finally {
            engine.remove(s.id(), true);
        }
    }

    /** The lines of the host's mount table that name the state directory. */
    List<String> mounts() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(line -> line.contains(root.toString())).toList();
    }

    @Override
    public void close() throws Exception {
        for (ContainerState s : engine.store().list()) {
            engine.remove(s.id(), true);
        }
    }
}
