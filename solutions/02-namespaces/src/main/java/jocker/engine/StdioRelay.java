package jocker.engine;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.Comparator;
import java.util.Optional;
import java.util.ServiceLoader;
import jocker.runtime.Stdio;

/**
 * Who holds a container's standard streams while it runs. Up to chapter 5
 * nobody: the init gets files (the log, in the {@link ContainerMonitor}) or the caller's
 * terminal, and the command writes to them directly. Chapter 6 relays them
 * (a service, {@code META-INF/services/jocker.engine.StdioRelay}): the monitor
 * reads them through pipes or a pseudo-terminal, to time-stamp each line in
 * the log, to offer stdin, and to resize the terminal, as podman's conmon does.
 */
public interface StdioRelay {

    /** The chapter that brings this relay: the latest one up to {@code --chapter} is used. */
    int chapter();

    /** The streams of a detached container, in the monitor; empty: the chapter-2 way, a log file. */
    Optional<Session> detached(ContainerStore store, String id) throws IOException;

    /** The streams of a container in the foreground on {@code stdio}; empty: {@code stdio} as it is. */
    Optional<Session> foreground(ContainerStore store, String id, Stdio stdio) throws IOException;

    /** The streams of one run of a container. */
    interface Session {

        /** What the init gets as its descriptors 0, 1 and 2. */
        Stdio stdio();

        /** The init has started (it has not yet become the command): start relaying. */
        default void started(Process init) throws IOException {
        }

        /** The command has ended: returns once everything it wrote has been relayed. */
        default void ended() throws InterruptedException {
        }
    }

    /** A session that hands {@code stdio} over and relays nothing. */
    static Session direct(Stdio stdio) {
        return () -> stdio;
    }

    /** Chapter 2's detached streams: no stdin, stdout and stderr appended to the log. */
    static Session logFile(ContainerStore store, String id) {
        File log = store.log(id).toFile();
        return direct(new Stdio(Redirect.from(new File("/dev/null")), Redirect.appendTo(log), Redirect.appendTo(log)));
    }

    /** The relay of the latest chapter up to {@link Chapters#upTo()}, if any. */
    static Optional<StdioRelay> latest() {
        int upTo = Chapters.upTo();
        return ServiceLoader.load(StdioRelay.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.chapter() <= upTo).max(Comparator.comparingInt(StdioRelay::chapter));
    }

    /** The session for a detached container, in the monitor. */
    static Session forDetached(ContainerStore store, String id) throws IOException {
        Optional<StdioRelay> relay = latest();
        Optional<Session> session = relay.isPresent() ? relay.get().detached(store, id) : Optional.empty();
        return session.orElseGet(() -> logFile(store, id));
    }

    /** The session for a container run in the foreground on {@code stdio}. */
    static Session forForeground(ContainerStore store, String id, Stdio stdio) throws IOException {
        Optional<StdioRelay> relay = latest();
        Optional<Session> session = relay.isPresent() ? relay.get().foreground(store, id, stdio) : Optional.empty();
        return session.orElseGet(() -> direct(stdio));
    }
}
