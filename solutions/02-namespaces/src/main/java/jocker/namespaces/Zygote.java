package jocker.namespaces;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jocker.runtime.InitLauncher;
import jocker.runtime.Stdio;
import jocker.spec.Spec;

/**
 * A container's init started in advance, for one container: Android's zygote.
 * Most of a container's start is its init JVM's start (design: a JVM takes
 * 100 ms and more to run its first line, the init's work after that takes
 * a few ms). A zygote has started already, inside fresh PID, UTS, IPC and
 * network namespaces, and waits in {@link ZygoteInit} for the bundle of the
 * container it is to become.
 *
 * <p>What it must not have made in advance: the mount namespace (a copy of
 * the host's mounts taken now would miss the container's root file system,
 * which the engine mounts just before the start: the init makes it when
 * taken) and the cgroup (it joins the container's cgroup and makes its
 * cgroup namespace when taken, as a cold init does). It holds no mount and
 * no cgroup, so one that is never taken leaves nothing behind.
 *
 * <p>Its stdin is a pipe made at its spawn, and the first line on it is the
 * bundle. Its stdout and stderr are either pipes too ({@link #prepare}: a
 * monitor's containers, whose streams it reads) or the spawner's own
 * ({@link #prepareInheriting}: {@code jocker run} in the foreground, whose
 * container writes to the user's terminal or pipes directly). It suits a
 * container with the same stdout and stderr, whose stdin is a pipe, none
 * (the pipe closed at once: end of file, as /dev/null reads) or the
 * caller's own when that is a pipe or a device (a
 * terminal, /dev/null): the zygote opens it through the host's /proc, as
 * the same pipe or device, and reads from it what the container reads and
 * no more, as if it had inherited it. A file or a socket cannot be opened
 * so without changing what the container reads (a file would be read from
 * its start): such a container starts cold. A zygote is used once: taken,
 * it is the container.
 */
public final class Zygote implements AutoCloseable {

    /** The namespaces a zygote is born in; the mount and cgroup namespaces are made when it is taken. */
    public static final Set<Namespace> NAMESPACES = EnumSet.of(
            Namespace.PID, Namespace.UTS, Namespace.IPC, Namespace.NET);

    private static final Redirect NO_INPUT = Redirect.from(new File("/dev/null"));

    private final Process process;
    private final Redirect output;
    private boolean ready;
    private boolean taken;

    private Zygote(Process process, Redirect output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts a zygote whose stdout and stderr are pipes: returns once its JVM
     * is spawned, before it is ready (see {@link #awaitReady}).
     */
    public static Zygote prepare(InitLauncher launcher) throws IOException {
        return spawn(launcher, Redirect.PIPE);
    }

    /**
     * Starts a zygote that writes on this process's own stdout and stderr,
     * for a container run on them ({@link Stdio#inherit()}). It says nothing
     * when ready (that would be the container's output): a take writes its
     * bundle into the pipe at once and the zygote reads it when its JVM is
     * up, so the container's start waits for the rest of that JVM's start
     * only, not for all of it.
     */
    public static Zygote prepareInheriting(InitLauncher launcher) throws IOException {
        return spawn(launcher.withProperty(ZygoteInit.ANNOUNCE_PROPERTY, "false"), Redirect.INHERIT);
    }

    private static Zygote spawn(InitLauncher launcher, Redirect output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.commandLine(ZygoteInit.class.getName(), List.of()));
        builder.environment().clear();
        builder.redirectOutput(output).redirectError(output);
        Zygote zygote = new Zygote(NamespacedStart.start(builder, NAMESPACES), output);
        zygote.ready = output == Redirect.INHERIT; // it says nothing: taken as it comes
        return zygote;
    }

    /**
     * Whether a zygote can start a container of {@code spec} on {@code stdio}:
     * of the namespaces the parent makes ({@link Namespace#BY_PARENT}) the
     * spec asks for new ones of every kind (those the zygote has, and the
     * mount namespace it makes), and the streams are pipes. The cgroup
     * namespace is the init's to make either way. A container with a
     * terminal starts cold: chapter 6's handshake would run over the same
     * pipes after the bundle's line, but nothing checks that yet.
     */
    public static boolean suits(Spec spec, Stdio stdio) {
        return suits(spec, stdio, Redirect.PIPE);
    }

    /** Whether this zygote can start a container of {@code spec} on {@code stdio}: see {@link #suits(Spec, Stdio)}. */
    public boolean suitsMe(Spec spec, Stdio stdio) {
        return suits(spec, stdio, output);
    }

    static boolean suits(Spec spec, Stdio stdio, Redirect output) {
        Set<Namespace> byParent = Namespace.madeByParent(spec);
        Set<Namespace> made = EnumSet.copyOf(NAMESPACES);
        made.add(Namespace.MNT);
        Redirect in = stdio.in();
        return byParent.equals(made) && !Boolean.TRUE.equals(spec.process.terminal)
                && stdio.out() == output && stdio.err() == output
                && (in == Redirect.PIPE || in.equals(NO_INPUT) || in == Redirect.INHERIT && ownStdin().isPresent());
    }

    /**
     * This process's stdin as the zygote can open it, {@code /proc/<pid>/fd/0},
     * if it is a pipe or a device; empty for a file, a socket or none.
     */
    static Optional<String> ownStdin() {
        Path fd = Path.of("/proc/self/fd/0");
        try {
            String target = Files.readSymbolicLink(fd).toString();
            boolean reopenable = target.startsWith("pipe:")
                    || target.startsWith("/dev/") && !Files.isRegularFile(fd) && !Files.isDirectory(fd);
            return reopenable ? Optional.of("/proc/" + ProcessHandle.current().pid() + "/fd/0") : Optional.empty();
        } catch (IOException closed) {
            return Optional.empty();
        }
    }

    /** The zygote's PID on the host. */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits until the zygote's JVM has started and waits for its bundle:
     * reads its {@link ZygoteInit#READY} line. False if it died first.
     */
    public synchronized boolean awaitReady() throws IOException {
        if (!ready) {
            InputStream out = process.getInputStream();
            String line = ZygoteInit.readLine(out);
            ready = ZygoteInit.READY.equals(line);
        }
        return ready;
    }

    /**
     * Makes this zygote the container of the bundle in {@code bundle}, if it
     * {@link #suits} and is alive; waits until it is ready, which is always
     * sooner than a cold start would be. Empty if not: start it cold.
     */
    public synchronized Optional<Process> take(Path bundle, Spec spec, Stdio stdio) throws IOException {
        if (taken || !suitsMe(spec, stdio) || !awaitReady()) {
            return Optional.empty();
        }
        String line = bundle.toAbsolutePath().toString();
        if (stdio.in() == Redirect.INHERIT) {
            Optional<String> own = ownStdin();
            if (own.isEmpty()) {
                return Optional.empty(); // closed since suits(): start it cold
            }
            line += "\t" + own.get();
        }
        taken = true;
        OutputStream in = process.getOutputStream();
        try {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            if (stdio.in() != Redirect.PIPE) {
                in.close(); // the command reads end of file, as from /dev/null, or its own stdin
            }
        } catch (IOException died) {
            process.destroyForcibly(); // it died before it had its bundle: nothing to undo
            return Optional.empty();
        }
        return Optional.of(process);
    }

    /** Kills and reaps the zygote, unless it was taken: then it is a container, and the caller's. */
    @Override
    public synchronized void close() {
        if (taken) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
