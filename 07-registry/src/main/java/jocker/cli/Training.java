package jocker.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import jocker.api.ApiServer;
import jocker.engine.ContainerState;
import jocker.engine.Engine;
import jocker.engine.ContainerStore;
import jocker.images.ImageConfig;
import jocker.runtime.Init;
import jocker.runtime.InitStep;
import jocker.spec.Bundle;
import jocker.spec.Spec;
import picocli.CommandLine;

/**
 * The training run of the class-data archive that every Jocker JVM starts
 * from (see the {@code jocker} launcher). A JVM started with
 * {@code -XX:ArchiveClassesAtExit} (JDK 17) or {@code -XX:AOTCacheOutput}
 * (JDK 24 and later) writes, when it exits, the classes it loaded, already
 * parsed and verified; a later JVM on the same class path maps them instead
 * of reading, parsing and verifying them again from the jars.
 *
 * <p>The archive holds only what the training loaded, so the training loads
 * what the CLI, the container's init and the shim load when they start: every
 * application class, picocli's model of every subcommand and of the usual
 * argument lines, Jackson reading and writing a container's state, a bundle's
 * {@code config.json} and an image config, and JNA's binding of the C
 * library. It needs neither root nor a network and starts no container: the
 * init's classes are loaded, not run.
 */
public final class Training {

    /** Argument lines as users type them: picocli parses them, nothing runs them. */
    private static final List<List<String>> PARSED = List.of(
            List.of("run", "--rm", "busybox", "true"),
            List.of("run", "-d", "--name", "web", "-p", "8080:80", "-e", "A=b", "-v", "/srv:/srv", "busybox",
                    "sleep", "100"),
            List.of("run", "-it", "--memory", "64m", "--cpus", "0.5", "busybox", "sh"),
            List.of("exec", "-it", "web", "sh"),
            List.of("logs", "-f", "web"),
            List.of("stop", "-t", "1", "web"),
            List.of("kill", "web"),
            List.of("rm", "-f", "web"),
            List.of("pull", "busybox"),
            List.of("images"),
            List.of("commit", "web", "mine"),
            List.of("build", "-t", "mine", "."));

    private Training() {
    }

    /**
     * {@code Training}: loads what Jocker's JVMs load, in a temporary state
     * directory it then deletes. {@code Training quick}: only what the quick
     * commands load ({@code --version}, {@code ps}, {@code inspect}, {@code rm}),
     * for the AOT cache that those start from on JDK 24 and later (see the
     * launcher's cds.sh): a JVM loads every class of an AOT cache at its start.
     */
    public static void main(String[] args) throws IOException {
        Path root = Files.createTempDirectory("jocker-training");
        try {
            if (args.length > 0 && args[0].equals("quick")) {
                writeAndReadRecord(root);
                runQuickCommands(root);
                return;
            }
            loadApplicationClasses();
            writeAndReadState(root);
            runQuickCommands(root);
            askADaemon(root);
            parse();
            InitStep.all();
            Init.USED_AFTER_ROOT_SWITCH.forEach(Training::initialize);
            initialize(jocker.linux.LibC.class); // JNA's binding: its proxy and native library
            callNative();
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * Every class of Jocker's own (the package {@code jocker}) in the jars of
     * the class path (the dist's one jar, or each chapter's), loaded and
     * linked but not initialised: no static code runs.
     */
    private static void loadApplicationClasses() throws IOException {
        ClassLoader loader = Training.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (JarEntry e : jar.stream().toList()) {
                    String name = e.getName();
                    if (name.startsWith("jocker/") && name.endsWith(".class")) {
                        load(name.substring(0, name.length() - ".class".length()).replace('/', '.'), loader);
                    }
                }
            }
        }
    }

    private static void load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // a class whose optional dependency is missing: it stays out of the archive
        }
    }

    /**
     * JNA's calls, not only its binding: the classes that invoke a native
     * function and convert its arguments (a string, an int) and its result
     * load on the first call, in every JVM that makes one. Calls that change
     * nothing: the text of an errno, and opening and closing a file.
     */
    private static void callNative() {
        try {
            jocker.linux.LibC.INSTANCE.strerror(2);
            jocker.linux.Kernel.close(jocker.linux.Kernel.openReadOnly("/proc/self/stat"));
        } catch (LinkageError | RuntimeException e) {
            // JNA without its native library for this machine: the archive has the rest
        }
    }

    private static void initialize(Class<?> c) {
        try {
            Class.forName(c.getName(), true, c.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // JNA without its native library for this machine: the archive has the rest
        }
    }

    /** A container's state, a bundle's config.json and an image config, through Jackson both ways. */
    private static void writeAndReadState(Path root) throws IOException {
        writeAndReadRecord(root);
        Bundle bundle = Bundle.write(root.resolve("bundle"), Spec.of(root.resolve("rootfs"), List.of("true")));
        bundle.read();
        ImageConfig.parse("""
                {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Cmd":["sh"]},
                 "rootfs":{"type":"layers","diff_ids":[]},"history":[{"created_by":"training"}]}
                """.getBytes(StandardCharsets.UTF_8), "training");
    }

    /** A container's record in the state directory, written and read: what the quick commands read. */
    private static void writeAndReadRecord(Path root) throws IOException {
        ContainerStore store = new ContainerStore(root);
        ContainerState state = ContainerState.newContainer("0123456789ab0123456789ab0123456789ab0123456789ab0123"
                + "456789ab0123", "training", "busybox", List.of("true"), "training", Spec.DEFAULT_ENV, "/", false);
        store.create(state);
        store.read(state.id());
    }

    /**
     * Both ends of the Engine API: jockerd's server (Netty on a UNIX socket in
     * the temporary directory) answering {@code jocker -H … ps} and
     * {@code inspect}. Where that cannot run (no epoll, say), the archive
     * holds the rest.
     */
    private static void askADaemon(Path root) {
        Path socket = root.resolve("training.sock");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            ApiServer server = ApiServer.start(socket, root, new Engine(root),
                    new ApiServer.ApiLog(ApiServer.ApiLog.Level.ERROR, quiet));
            try {
                runQuietly(List.of(List.of("-H", "unix://" + socket, "ps", "-a"),
                        List.of("-H", "unix://" + socket, "inspect", "training"),
                        List.of("-H", "unix://" + socket, "version")));
            } finally {
                server.close();
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // trained without it
        }
    }

    /** Runs each argument line through the CLI as {@code jocker} would, its output discarded. */
    private static void runQuietly(List<List<String>> lines) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (List<String> line : lines) {
                String[] args = line.toArray(String[]::new);
                PrintWriter discard = new PrintWriter(Writer.nullWriter());
                Jocker.commandLine(Integer.MAX_VALUE, Jocker.subcommandOf(args))
                        .setOut(discard).setErr(discard).execute(args);
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The commands that need no root and change nothing, run against the temporary state. */
    private static void runQuickCommands(Path root) {
        String dir = root.toString();
        runQuietly(List.of(List.of("--version"), List.of("--root", dir, "ps", "-a"),
                List.of("--root", dir, "inspect", "training"), List.of("--root", dir, "inspect", "none"),
                List.of("--root", dir, "rm", "none")));
    }

    /** Picocli's model of every subcommand, and the usual argument lines parsed against it. */
    private static void parse() {
        CommandLine all = Jocker.commandLine();
        for (List<String> line : PARSED) {
            try {
                all.parseArgs(line.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                // an option this chapter's command does not have: the rest of the line still trained
            }
        }
    }
}
