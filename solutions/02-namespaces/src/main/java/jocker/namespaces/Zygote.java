package jocker.namespaces;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
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
 * <p>Its stdin, stdout and stderr are pipes made at its spawn: it suits a
 * container whose streams the caller reads through pipes, with stdin either
 * a pipe or none, which the zygote gets as a pipe closed at once (end of
 * file, as /dev/null reads). The first line on its stdin is the bundle.
 * A zygote is used once: taken, it is the container.
 */
public final class Zygote implements AutoCloseable {

    /** The namespaces a zygote is born in; the mount and cgroup namespaces are made when it is taken. */
    public static final Set<Namespace> NAMESPACES = EnumSet.of(
            Namespace.PID, Namespace.UTS, Namespace.IPC, Namespace.NET);

    private static final Redirect NO_INPUT = Redirect.from(new File("/dev/null"));

    private final Process process;
    private boolean ready;
    private boolean taken;

    private Zygote(Process process) {
        this.process = process;
    }

    /** Starts a zygote: returns once its JVM is spawned, before it is ready (see {@link #awaitReady}). */
    public static Zygote prepare(InitLauncher launcher) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.commandLine(ZygoteInit.class.getName(), List.of()));
        builder.environment().clear();
        return new Zygote(NamespacedStart.start(builder, NAMESPACES));
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
        Set<Namespace> byParent = Namespace.madeByParent(spec);
        Set<Namespace> made = EnumSet.copyOf(NAMESPACES);
        made.add(Namespace.MNT);
        return byParent.equals(made) && !Boolean.TRUE.equals(spec.process.terminal)
                && stdio.out() == Redirect.PIPE && stdio.err() == Redirect.PIPE
                && (stdio.in() == Redirect.PIPE || stdio.in().equals(NO_INPUT));
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
        if (taken || !suits(spec, stdio) || !awaitReady()) {
            return Optional.empty();
        }
        taken = true;
        OutputStream in = process.getOutputStream();
        try {
            in.write((bundle.toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            if (stdio.in() != Redirect.PIPE) {
                in.close(); // the command reads end of file, as from /dev/null
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
