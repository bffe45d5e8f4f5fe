package jocker.namespaces;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
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
 * background once that container has become its command (not at once:
 * on two cores, a JVM starting beside the container's last steps slows
 * them); a take that finds the next still starting waits for it, which
 * is sooner than a cold start since its JVM started first. Closing the pool
 * kills and reaps the zygote nobody took.
 *
 * <p>A pool {@link #once} holds a single zygote and starts no next: what a
 * {@code jocker run} in the foreground makes as it begins, so that its
 * container's init JVM starts while the engine still makes the container.
 */
public final class ZygotePool implements AutoCloseable {

    private static volatile ZygotePool installed;

    private final InitLauncher launcher;
    private final boolean inheriting;
    private final boolean refill;
    private CompletableFuture<Zygote> next;
    private boolean closed;

    private ZygotePool(InitLauncher launcher, boolean inheriting, boolean refill) {
        this.launcher = launcher;
        this.inheriting = inheriting;
        this.refill = refill;
        this.next = prepare(launcher, inheriting);
    }

    /** A pool of zygotes started by {@code launcher}, streams on pipes: the first starts now. */
    public static ZygotePool start(InitLauncher launcher) {
        return new ZygotePool(launcher, false, true);
    }

    /**
     * One zygote, started now, for a container run on {@code stdio}: one
     * inheriting this process's stdout and stderr when {@code stdio}'s are
     * inherited ({@link Zygote#prepareInheriting}), else one on pipes.
     */
    public static ZygotePool once(InitLauncher launcher, Stdio stdio) {
        return new ZygotePool(launcher, stdio.out() == Redirect.INHERIT, false);
    }

    /** Makes {@code pool} the one {@link ContainerProcess#start} takes from in this process (null: none). */
    public static void install(ZygotePool pool) {
        installed = pool;
    }

    /** The pool this process installed, if any. */
    public static Optional<ZygotePool> installed() {
        return Optional.ofNullable(installed);
    }

    private static CompletableFuture<Zygote> prepare(InitLauncher launcher, boolean inheriting) {
        return prepareAfter(launcher, inheriting, CompletableFuture.completedFuture(null));
    }

    /**
     * Starts a zygote once {@code taken}, the container started from the
     * zygote before it, has become its command (or died): a JVM starting
     * alongside that container's last steps would take half of a two-core
     * machine from them, for a zygote that no container needs yet.
     */
    private static CompletableFuture<Zygote> prepareAfter(InitLauncher launcher, boolean inheriting,
                                                          CompletableFuture<Process> taken) {
        CompletableFuture<Zygote> zygote = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                Process container = taken.join();
                if (container != null) {
                    ContainerProcess.awaitExec(container, launcher.java(), Duration.ofSeconds(10));
                }
                zygote.complete(inheriting ? Zygote.prepareInheriting(launcher) : Zygote.prepare(launcher));
            } catch (IOException | RuntimeException e) {
                zygote.completeExceptionally(e);
            } catch (InterruptedException e) {
                zygote.completeExceptionally(e);
            }
        }, "jocker-zygote");
        thread.setDaemon(true);
        thread.start();
        return zygote;
    }

    /** The zygote that the next take gets, once spawned: for tests and benchmarks that wait until it is ready. */
    public Zygote next() throws IOException {
        CompletableFuture<Zygote> next = current();
        if (next == null) {
            throw new IOException("this pool's one zygote was taken");
        }
        try {
            return next.join();
        } catch (CompletionException e) {
            throw new IOException("cannot start a zygote: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Whether the pool still has a zygote for the next take: not closed, and not a taken once-pool. */
    public synchronized boolean untaken() {
        return !closed && next != null;
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
        CompletableFuture<Process> taken = new CompletableFuture<>();
        synchronized (this) {
            if (closed || next == null || !sameLauncher(this.launcher, launcher)
                    || !Zygote.suits(spec, stdio, inheriting ? Redirect.INHERIT : Redirect.PIPE)) {
                return Optional.empty();
            }
            mine = next;
            next = refill ? prepareAfter(launcher, inheriting, taken) : null;
        }
        Optional<Process> process = Optional.empty();
        try {
            Zygote zygote = mine.join();
            process = zygote.take(bundle, spec, stdio);
            if (process.isEmpty()) {
                zygote.close();
            }
        } catch (CompletionException cannotStart) {
            // start it cold
        } finally {
            taken.complete(process.orElse(null));
        }
        return process;
    }

    /**
     * {@code a.equals(b)}, field by field: a record's generated equals is
     * linked the first time it runs (an invokedynamic call site, method
     * handles spun), and in {@code jocker run} this is the first.
     */
    private static boolean sameLauncher(InitLauncher a, InitLauncher b) {
        return a == b || a.java().equals(b.java()) && a.classPath().equals(b.classPath())
                && a.jnaLibDir().equals(b.jnaLibDir()) && a.mainClass().equals(b.mainClass())
                && a.properties().equals(b.properties());
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
        if (last == null) {
            return; // taken
        }
        try {
            last.join().close();
        } catch (CompletionException neverStarted) {
            // nothing to kill
        }
    }
}
