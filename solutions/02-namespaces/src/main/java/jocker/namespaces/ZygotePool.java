package jocker.namespaces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;
import jocker.spec.Spec;

/**
 * Keeps one {@link Zygote} ready for the next container: a long-lived
 * process that starts containers (a daemon, a monitor) installs one, and
 * {@link ContainerProcess#start} takes from it when the container suits.
 * Each take hands over the zygote and starts the next one in the
 * background; a take that finds the next still starting waits for it, which
 * is sooner than a cold start since its JVM started first. Closing the pool
 * kills and reaps the zygote nobody took.
 */
public final class ZygotePool implements AutoCloseable {

    private static volatile ZygotePool installed;

    private final InitLauncher launcher;
    private CompletableFuture<Zygote> next;
    private boolean closed;

    private ZygotePool(InitLauncher launcher) {
        this.launcher = launcher;
        this.next = prepare(launcher);
    }

    /** A pool of zygotes started by {@code launcher}: the first starts now. */
    public static ZygotePool start(InitLauncher launcher) {
        return new ZygotePool(launcher);
    }

    /** Makes {@code pool} the one {@link ContainerProcess#start} takes from in this process (null: none). */
    public static void install(ZygotePool pool) {
        installed = pool;
    }

    /** The pool this process installed, if any. */
    public static Optional<ZygotePool> installed() {
        return Optional.ofNullable(installed);
    }

    private static CompletableFuture<Zygote> prepare(InitLauncher launcher) {
        CompletableFuture<Zygote> zygote = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                zygote.complete(Zygote.prepare(launcher));
            } catch (IOException | RuntimeException e) {
                zygote.completeExceptionally(e);
            }
        }, "jocker-zygote");
        thread.setDaemon(true);
        thread.start();
        return zygote;
    }

    /** The zygote that the next take gets, once spawned: for tests and benchmarks that wait until it is ready. */
    public Zygote next() throws IOException {
        try {
            return current().join();
        } catch (CompletionException e) {
            throw new IOException("cannot start a zygote: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private synchronized CompletableFuture<Zygote> current() {
        return next;
    }

    /**
     * Starts the container of {@code bundle} in the next zygote if it suits
     * (see {@link Zygote#suits}) and was started by the same {@code launcher};
     * empty if not, or if the zygote could not be started: start it cold.
     */
    public Optional<Process> take(InitLauncher launcher, Path bundle, Spec spec, Stdio stdio) throws IOException {
        CompletableFuture<Zygote> mine;
        synchronized (this) {
            if (closed || !this.launcher.equals(launcher) || !Zygote.suits(spec, stdio)) {
                return Optional.empty();
            }
            mine = next;
            next = prepare(launcher);
        }
        Zygote zygote;
        try {
            zygote = mine.join();
        } catch (CompletionException cannotStart) {
            return Optional.empty();
        }
        Optional<Process> process = zygote.take(bundle, spec, stdio);
        if (process.isEmpty()) {
            zygote.close();
        }
        return process;
    }

    /** Kills and reaps the zygote that nobody took; the pool takes nothing more. */
    @Override
    public void close() {
        CompletableFuture<Zygote> last;
        synchronized (this) {
            closed = true;
            last = next;
        }
        if (installed == this) {
            installed = null;
        }
        try {
            last.join().close();
        } catch (CompletionException neverStarted) {
            // nothing to kill
        }
    }
}
