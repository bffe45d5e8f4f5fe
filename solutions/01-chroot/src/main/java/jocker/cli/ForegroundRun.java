package jocker.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import jocker.images.ImageStore;
import jocker.images.Trees;
import jocker.runtime.Container;
import jocker.runtime.ExitStatus;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;
import jocker.spec.Bundle;
import jocker.spec.Spec;

/**
 * A container run in the foreground, as chapter 1's {@code jocker run} does
 * it: copy the image's files into a bundle for the container, write its
 * config.json, start it on this terminal,
 * wait, and remove the copy, also when jocker itself is interrupted.
 */
final class ForegroundRun {

    /** How long a container gets to exit after SIGTERM when jocker is stopped. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private ForegroundRun() {
    }

    /**
     * Runs {@code command} in a copy of {@code image}; {@code configure} adds
     * what the subcommand's options say. Returns the status to exit with.
     */
    static int run(Jocker jocker, String image, List<String> command,
                   Function<Spec, Spec> configure) throws IOException, InterruptedException {
        Jocker.requireRoot("chroot(2) requires CAP_SYS_CHROOT");
        ImageStore images = jocker.images();
        Path imageRoot = images.rootfs(image);
        Path dir = images.containerDir(newId());
        Path rootfs = dir.resolve("rootfs"); // the bundle is the container's directory: config.json, rootfs/
        Thread cleanup = null;
        try {
            Trees.copy(imageRoot, rootfs);
            Spec spec = configure.apply(Spec.of(Path.of("rootfs"), command));
            Bundle.write(dir, spec);
            Container container = Container.start(dir, Stdio.inherit(), InitLauncher.forThisJvm(images.root()));
            // SIGTERM, SIGINT or SIGHUP to jocker: stop the container, then remove its files.
            cleanup = new Thread(() -> stopAndRemove(container, dir), "jocker-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            ExitStatus status = container.waitFor();
            return status.code();
        } finally {
            if (cleanup == null || removeHook(cleanup)) {
                Trees.delete(dir);
            }
        }
    }

    private static void stopAndRemove(Container container, Path dir) {
        try {
            container.stop(STOP_GRACE);
            Trees.delete(dir);
        } catch (IOException | InterruptedException e) {
            System.err.println("jocker: could not remove " + dir + ": " + e);
        }
    }

    /** False when the JVM is already shutting down: the hook then removes the files. */
    private static boolean removeHook(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /** A container ID: 64 hex digits, as Docker's; directories use the first 12. */
    static String newId() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, 12);
    }
}
