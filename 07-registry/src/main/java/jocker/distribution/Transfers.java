package jocker.distribution;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Blob transfers, a few at a time (Docker's {@code max-concurrent-downloads}
 * and {@code -uploads} are 3 and 5): each on a thread of its own, and the
 * first failure stops the others, which is the error the caller gets.
 */
final class Transfers {

    /** One transfer. */
    interface Task {
        void run() throws IOException;
    }

    private Transfers() {
    }

    /** Runs {@code tasks}, {@code parallel} at once; returns when all are done or one failed. */
    static void run(List<Task> tasks, int parallel) throws IOException {
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, tasks.size())), r -> {
            Thread t = new Thread(r, "jocker-transfer");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    task.run();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException r) {
                throw r;
            } else if (cause instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("transfer interrupted");
        } finally {
            pool.shutdownNow();
            try {
                // the others must have let go of the scratch files before the caller cleans up
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
