package jocker.stdio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jocker.course.Exercise;
import jocker.linux.Terminals;
import jocker.linux.TtyLibC;
import jocker.runtime.InitContext;
import jocker.runtime.InitStep;
import jocker.runtime.Phase;

/**
 * The init's side of {@code process.terminal}: the container's own
 * pseudo-terminal, made from the container's {@code /dev/ptmx} (chapter 2
 * mounted a private devpts there), so that inside {@code tty} prints
 * {@code /dev/pts/0} and no terminal of the host shows.
 *
 * <p>The master must go to the container's parent, the shim, which relays
 * it; runc sends it over a UNIX socket (SCM_RIGHTS). Here the init says the
 * master's descriptor number on its stdout, a pipe to the parent, and waits
 * on its stdin, a pipe too, until the parent has taken a copy of it with
 * pidfd_getfd(2). Then the slave becomes stdin, stdout, stderr and the
 * controlling terminal, and the master closes at execve.
 */
public final class TerminalStep implements InitStep {

    /** The line the init writes on its stdout: {@code pty <master's descriptor>}. */
    static final String HANDSHAKE = "pty ";

    /**
     * Loads the classes and the C library now, when the step is made: after
     * the root switch the host's class path and libc are out of reach.
     */
    static final List<Object> USED_AFTER_ROOT_SWITCH = List.of(Terminals.class, TtyLibC.INSTANCE);

    @Override
    public Phase phase() {
        return Phase.IDENTITY; // after /dev/pts is mounted, while the init still holds its capabilities
    }

    @Override
    public int chapter() {
        return 6;
    }

    /** {@code docker exec -t}: the exec's process gets a terminal of its own, the same way. */
    @Override
    public boolean forExec() {
        return true;
    }

    @Override
    public void run(InitContext context) throws IOException {
        USED_AFTER_ROOT_SWITCH.size();
        if (!Boolean.TRUE.equals(context.spec().process.terminal)) {
            return;
        }
        int master = Terminals.openMaster();
        int slave = Terminals.open(Terminals.slaveName(master), Terminals.O_RDWR | Terminals.O_NOCTTY);
        byte[] line = (HANDSHAKE + master + "\n").getBytes(StandardCharsets.US_ASCII);
        Terminals.write(1, line, line.length);
        if (Terminals.read(0, new byte[1]) != 1) {
            throw new IOException("the parent did not take the terminal's master (stdin closed)");
        }
        becomeControllingTerminal(slave);
        for (int fd = 0; fd <= 2; fd++) {
            Terminals.dup2(slave, fd);
        }
        Terminals.close(slave);
    }

    // tag::controlling-terminal[]
    /**
     * Makes the terminal on {@code slave} the init's controlling terminal: the
     * one whose Ctrl-C becomes SIGINT for the foreground job, and whose hang-up
     * ends the session. Only a session leader without one can take a terminal,
     * so the init first leaves its parent's session; it is not a process group
     * leader (a fresh child), so setsid(2) succeeds. Returns the new session's ID.
     */
    static int becomeControllingTerminal(int slave) {
        // Exercise 6.6: start a new session (Terminals.setsid), then take the terminal
        //   (Terminals.makeControllingTerminal: ioctl TIOCSCTTY); return the session's ID
        return Exercise.todo("6.6", "start a new session (Terminals.setsid), then take the terminal (Terminals.makeControllingTerminal: ioctl TIOCSCTTY); return the session's ID");
    }
    // end::controlling-terminal[]
}
