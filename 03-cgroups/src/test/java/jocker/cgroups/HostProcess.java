package jocker.cgroups;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A busybox shell on the host, put into a real cgroup, for the tests that
 * watch the kernel enforce a limit. Its script starts with {@code read go}:
 * it waits on stdin until it is inside the cgroup, so that nothing it does is
 * charged elsewhere. Closing it kills the shell, destroys the cgroup (which
 * kills whatever the shell left behind) and waits: use it in
 * try-with-resources, so that a failing test cleans up too.
 */
final class HostProcess implements AutoCloseable {

    /** busybox-static: one binary, no libraries, so it runs the same on any host. */
    static final String BUSYBOX = System.getProperty("jocker.test.busybox", "/bin/busybox");

    private static int count;

    final Cgroup cgroup;
    private Process process;
    private BufferedReader out;

    private HostProcess(Cgroup cgroup) {
        this.cgroup = cgroup;
    }

    /** Makes a fresh cgroup with {@code limits} where {@link Cgroups#host()} says. */
    static HostProcess inNewCgroup(Limits limits) {
        HostProcess p = new HostProcess(Cgroups.host().forContainer(uniqueId()));
        try {
            p.cgroup.create();
            p.cgroup.apply(limits);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** For a cgroup the test made itself; closing destroys it. */
    static HostProcess in(Cgroup cgroup) {
        return new HostProcess(cgroup);
    }

    /** A container id named after this JVM, so that parallel runs do not meet. */
    static synchronized String uniqueId() {
        return "test-" + ProcessHandle.current().pid() + "-" + (++count);
    }

    /** Starts {@code sh -c 'read go; <script>'}, adds it to the cgroup, then lets it go. */
    HostProcess start(String script) throws IOException {
        process = new ProcessBuilder(BUSYBOX, "sh", "-c", "read go; " + script)
                .redirectErrorStream(true).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        cgroup.addProcess(process.pid());
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
        return this;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The next line of its output (stdout and stderr together). */
    String readLine() throws IOException {
        return out.readLine();
    }

    /** Its exit status as a shell reports it: 128 + the signal for a killed process (137 for SIGKILL). */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        try {
            cgroup.destroy();
        } finally {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
