package jocker.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jocker.chroot.Escape;
import jocker.linux.Errno;
import jocker.linux.LibC;
import jocker.linux.SyscallException;
import jocker.linux.Syscalls;
import jocker.spec.Bundle;
import jocker.spec.Spec;

/**
 * The container's first process: the runtime. The engine starts it as a
 * fresh JVM (see {@link InitLauncher}) with one argument, the bundle
 * directory; it reads the bundle's {@code config.json} and nothing else, runs
 * the {@link InitStep}s every chapter contributes, in their order, and the
 * last of them replaces it with the container's command, which keeps its PID.
 *
 * <p>Why a separate process and not a call in the parent: {@code chroot(2)}
 * changes the root of the whole process, and the parent is a JVM with dozens
 * of threads that must keep seeing the host. From chapter 2 on, namespaces add
 * a stronger reason. runc does the same: it re-executes itself as
 * {@code runc init}.
 *
 * <p>Exit statuses when the command cannot be started, as Docker uses them:
 * 125 the container could not be set up, 126 the command cannot be executed,
 * 127 the command was not found.
 */
public final class Init {

    /**
     * The classes this init needs after the root switch. The JVM loads a
     * class on first use, and once the process stands in the container's
     * root the host's {@code target/classes} directory is out of reach (jars
     * opened before are still readable through their open descriptors).
     * Naming them here loads them while the host's files can still be seen.
     */
    // tag::preload[]
    public static final List<Class<?>> USED_AFTER_ROOT_SWITCH = List.of(
            Syscalls.class, SyscallException.class, Errno.class, LibC.class,
            CommandPath.class, CommandPath.CommandNotFoundException.class,
            Escape.class, Exercises.class);
    // end::preload[]

    private Init() {
    }

    // tag::main[]
    /** {@code Init <bundle>}: runs the container that the bundle's config.json describes. */
    public static void main(String[] args) {
        runAsInit(() -> run(InitStep.all(), context(args, 0)));
    }

    /** Reads the bundle named by the one argument. */
    public static InitContext context(String[] args, long joinPid) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Init <bundle directory>");
        }
        Bundle bundle = new Bundle(Path.of(args[0]).toAbsolutePath());
        Spec spec = bundle.read();
        if (spec.process.args == null || spec.process.args.isEmpty()) {
            throw new IllegalArgumentException(bundle.config()
                    + ": process.args is empty: no command to run");
        }
        if (!spec.process.cwd.startsWith("/")) {
            throw new IllegalArgumentException(bundle.config() + ": process.cwd must be absolute: "
                    + spec.process.cwd);
        }
        return new InitContext(bundle.dir(), spec, bundle.rootfs(spec), joinPid);
    }

    /**
     * Runs the body of an init, which ends in execve and so never returns.
     * A failure becomes a message on stderr and Docker's status for it.
     */
    public static void runAsInit(Body body) {
        try {
            USED_AFTER_ROOT_SWITCH.size(); // loads them now, see above
            body.run();
        } catch (CommandPath.CommandNotFoundException e) {
            fail(127, e.getMessage());
        } catch (SyscallException e) {
            boolean cannotExecute = e.call().startsWith("execve(")
                    && (e.errno() == Errno.EACCES.number() || e.errno() == Errno.ENOEXEC.number());
            fail(cannotExecute ? 126 : 125, e.getMessage());
        } catch (RuntimeException | IOException e) {
            fail(125, e.getMessage() != null ? e.getMessage() : e.toString());
        } catch (LinkageError e) {
            fail(125, "a class was first needed after the root switch,"
                    + " where the host's class path is gone"
                    + " (list it in USED_AFTER_ROOT_SWITCH): " + e);
        }
        fail(125, "the init returned without running the command");
    }

    /** What an init does: set up, then execve. */
    @FunctionalInterface
    public interface Body {
        void run() throws IOException;
    }
    // end::main[]

    // tag::run[]
    /** Runs the steps in order; the last one, execve, does not return. */
    public static void run(List<InitStep> steps, InitContext context) throws IOException {
        for (InitStep step : steps) {
            if (!context.isExec() || step.forExec()) {
                step.run(context);
            }
        }
    }
    // end::run[]

    // tag::exec[]
    /** Becomes the container's command: same PID, new program. */
    public static void exec(Spec.Process process) {
        // begin exercise 1.2: chdir(2) to the working directory, find the command in the
        //   container's PATH (CommandPath), mark descriptors 3 and up close-on-exec,
        //   then execve(2) the command with the container's environment.
        Syscalls.chdir(process.cwd);
        String program = CommandPath.resolve(process.args.get(0), getenv(process.env, "PATH"));
        // The JVM opened its jars, its modules file and /dev/urandom without
        // O_CLOEXEC. Left open, they would be handles on the host's files
        // inside the container: a way out of the jail.
        Syscalls.closeFromOnExec(3);
        Syscalls.execve(program, process.args, process.env);
        // end exercise 1.2
    }
    // end::exec[]

    /** The value of {@code name} in {@code env}, or null; the last one wins, as in a shell. */
    static String getenv(List<String> env, String name) {
        String prefix = name + "=";
        String value = null;
        for (String entry : env) {
            if (entry.startsWith(prefix)) {
                value = entry.substring(prefix.length());
            }
        }
        return value;
    }

    private static void fail(int status, String message) {
        System.err.println("jocker-init: " + message);
        System.err.flush();
        // halt, not exit: no shutdown hooks, nothing else written on the container's streams.
        Runtime.getRuntime().halt(status);
    }
}
