package jocker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import jocker.engine.Chapters;
import jocker.images.ImageStore;
import jocker.linux.JnaSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code jocker} command line. */
@Command(name = "jocker",
        mixinStandardHelpOptions = true,
        versionProvider = Jocker.Version.class,
        description = "A container engine in Java, built one kernel concept at a time.",
        footer = {"", "Run 'jocker COMMAND --help' for more information on a command."})
public final class Jocker implements Runnable {

    /** Docker's status when the engine itself fails, as opposed to the command in the container. */
    public static final int ENGINE_ERROR = 125;

    @Option(names = "--root", paramLabel = "DIR",
            description = "State directory: images and containers (default: $JOCKER_ROOT, else /var/lib/jocker).")
    private Path root;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--chapter", paramLabel = "N",
            description = "Behave as at the end of chapter N: its commands and those before, and its engine "
                    + "(default: $JOCKER_CHAPTER, else all chapters).")
    private int chapter = Integer.MAX_VALUE;

    @Option(names = {"-H", "--host"}, paramLabel = "unix:///PATH",
            description = "The daemon to send the commands to (default: $JOCKER_HOST, else none: jocker runs "
                    + "the containers itself, without a daemon).")
    private String host;

    public static void main(String[] args) {
        int upTo = chapterOf(args);
        String env = System.getenv("JOCKER_CHAPTER");
        if (upTo == Integer.MAX_VALUE && env != null && !env.isBlank()) {
            try {
                upTo = Integer.parseInt(env.strip()); // --chapter N for a whole session: export JOCKER_CHAPTER=N
            } catch (NumberFormatException e) {
                System.err.println("jocker: JOCKER_CHAPTER must be a chapter number, not '" + env + "'");
                System.exit(ENGINE_ERROR);
            }
        }
        if (upTo != Integer.MAX_VALUE) {
            System.setProperty(Chapters.PROPERTY, Integer.toString(upTo));
        }
        System.exit(commandLine(upTo, subcommandOf(args)).execute(args));
    }

    /** The chapter the engine stops at: {@code --chapter}, or every chapter there is. */
    public static int chapter() {
        return Chapters.upTo();
    }

    /** The command line with every chapter's subcommands on the class path. */
    public static CommandLine commandLine() {
        return commandLine(Integer.MAX_VALUE);
    }

    /**
     * The command line as it stands at the end of chapter {@code upTo}: for
     * each name, the subcommand of the latest chapter up to that one.
     */
    public static CommandLine commandLine(int upTo) {
        return commandLine(upTo, null);
    }

    /**
     * The command line for running subcommand {@code only} (null: all of
     * them, as {@code --help} lists them). Picocli builds a command's model by
     * reflection over its options, a few milliseconds each: making only the
     * one that runs, when it is known, keeps {@code jocker ps} from paying for
     * sixty others. A name that is no command gets them all, so that picocli
     * can say so and suggest the nearest; an empty name gets none
     * ({@code jocker --version}).
     */
    static CommandLine commandLine(int upTo, String only) {
        // Picocli looks for Groovy's Closure class first: a class that is not there is looked
        // for in every jar of the class path, opening each (tens of milliseconds).
        System.setProperty("picocli.disable.closures", "true");
        // Picocli registers a converter for each java.time and java.sql type it finds, by reflection,
        // initializing the classes it looks at: a third of its start (DateTimeFormatterBuilder's alone
        // links a dozen lambdas). No option of Jocker's has such a type; the pattern (java.sql.*,
        // java.time.*, nothing else picocli knows) is compiled once per type, so it is kept simple.
        System.setProperty("picocli.converters.excludes", "java.[st].*");
        CommandLine cli = new CommandLine(new Jocker());
        Map<String, Subcommand> byName = new LinkedHashMap<>();
        if (!"".equals(only)) {
            // Named from their classes' annotations: only the commands to build are made (an instance
            // runs its class's static initializers, such as events' date formatter, which reads the
            // time zone rules). A name no chapter up to upTo has gets them all, for picocli's hint.
            List<ServiceLoader.Provider<Subcommand>> providers = ServiceLoader.load(Subcommand.class).stream().toList();
            List<Subcommand> named = only == null ? List.of() : instances(providers, only, upTo);
            (named.isEmpty() ? instances(providers, null, upTo) : named)
                    .forEach(c -> byName.put(nameOf(c), c));
        }
        byName.forEach((name, command) -> {
            CommandLine sub = new CommandLine(command).setStopAtPositional(true);
            command.extend(sub, upTo);
            cli.addSubcommand(name, sub);
        });
        Errors errors = new Errors();
        cli.setExecutionExceptionHandler(errors);
        cli.setExitCodeExceptionMapper(errors);
        cli.setParameterExceptionHandler(errors);
        return cli;
    }

    /**
     * The subcommands of chapters up to {@code upTo} named {@code name} (null: all), made, in
     * chapter order: of two with one name, the later chapter's comes last and wins.
     */
    private static List<Subcommand> instances(List<ServiceLoader.Provider<Subcommand>> providers, String name,
            int upTo) {
        return providers.stream()
                .filter(p -> name == null || name.equals(annotatedName(p.type())))
                .map(ServiceLoader.Provider::get)
                .filter(c -> c.chapter() <= upTo)
                .sorted(Comparator.comparingInt(Subcommand::chapter))
                .toList();
    }

    /** A subcommand class's name in its annotation, null if it has none there. */
    private static String annotatedName(Class<?> type) {
        Command annotation = type.getAnnotation(Command.class);
        return annotation != null && !annotation.name().isEmpty() && !annotation.name().equals("<main class>")
                ? annotation.name() : null;
    }

    /** A subcommand's name, from its annotation: cheaper than picocli's whole model of it. */
    private static String nameOf(Subcommand command) {
        String name = annotatedName(command.getClass());
        return name != null ? name : new CommandLine(command).getCommandName();
    }

    /**
     * The first word after the global options: the subcommand's name; empty
     * for {@code --version} alone, which needs no subcommand; null otherwise.
     */
    static String subcommandOf(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                return a;
            }
            if (a.equals("--version") || a.equals("-V")) {
                return "";
            }
            if (a.equals("--root") || a.equals("-H") || a.equals("--host") || a.equals("--chapter")) {
                i++; // skip its value
            }
        }
        return null;
    }

    /** The value of {@code --chapter} among the global options, read before picocli parses them. */
    static int chapterOf(String[] args) {
        for (int i = 0; i < args.length && args[i].startsWith("-"); i++) {
            String a = args[i];
            try {
                if (a.startsWith("--chapter=")) {
                    return Integer.parseInt(a.substring("--chapter=".length()));
                }
                if (a.equals("--chapter") && i + 1 < args.length) {
                    return Integer.parseInt(args[i + 1]);
                }
            } catch (NumberFormatException e) {
                return Integer.MAX_VALUE; // picocli reports the bad value
            }
            if (a.equals("--root") || a.equals("-H") || a.equals("--host")) {
                i++; // skip its value
            }
        }
        return Integer.MAX_VALUE;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Fails unless jocker runs as root, saying which kernel rule needs it.
     * /proc/self belongs to the process's effective user: no native call needed.
     */
    public static void requireRoot(String why) throws IOException {
        if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) != 0) {
            throw new IllegalStateException("containers need root: " + why + " (try sudo)");
        }
    }

    /**
     * The daemon that runs the containers: {@code -H}, else {@code $JOCKER_HOST};
     * empty when jocker is to run them itself, in this process, as up to chapter 5.
     */
    public Optional<String> host() {
        String h = host != null ? host : System.getenv("JOCKER_HOST");
        return h == null || h.isBlank() ? Optional.empty() : Optional.of(h.strip());
    }

    /**
     * The state directory: {@code --root}, else {@code $JOCKER_ROOT}, else {@code /var/lib/jocker}.
     * With a daemon ({@link #host}) there is none: a command that works on it fails, rather than work
     * on this machine's containers when the user asked for the daemon's.
     */
    public Path root() {
        host().ifPresent(h -> {
            throw new IllegalStateException(commandName() + " is not available with -H yet: it works on this "
                    + "machine's state directory only (drop -H " + h + ", or unset JOCKER_HOST)");
        });
        if (root != null) {
            return absolute(root.toString(), "--root");
        }
        String env = System.getenv("JOCKER_ROOT");
        return env != null ? absolute(env, "JOCKER_ROOT") : Path.of("/var/lib/jocker");
    }

    /** The command being run, such as {@code image ls}, for messages. */
    private String commandName() {
        CommandLine.ParseResult command = spec.commandLine().getParseResult();
        while (command != null && command.hasSubcommand()) {
            command = command.subcommand();
        }
        return command == null ? "this command" : command.commandSpec().qualifiedName(" ")
                .substring(spec.name().length()).strip();
    }

    /** A state directory must be named absolutely: an empty or relative one would land wherever jocker runs. */
    private static Path absolute(String dir, String what) {
        if (dir.isBlank() || !dir.startsWith("/")) {
            throw new IllegalArgumentException(what + " must be an absolute path, not '" + dir + "'");
        }
        return Path.of(dir).normalize();
    }

    /**
     * The image store in the state directory. Also points this JVM's JNA at
     * the native library unpacked there, so that no run leaves a copy in /tmp.
     */
    public ImageStore images() {
        Path dir = JnaSetup.unpackDispatchLibrary(root().resolve("lib"));
        System.setProperty("jna.nounpack", "true");
        System.setProperty("jna.boot.library.path", dir.toString());
        return new ImageStore(root());
    }

    /**
     * How a failure ends the command: Docker's exit statuses and one line on
     * stderr (the stack trace with {@code JOCKER_DEBUG} set). A named class,
     * not three lambdas: picocli's interfaces are compiled for Java 5, and a
     * class-data archive leaves out such a class once a lambda has made the
     * archiving JVM link it, so each command would read them from the jar.
     */
    static final class Errors implements CommandLine.IExecutionExceptionHandler,
            CommandLine.IExitCodeExceptionMapper, CommandLine.IParameterExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult result) {
            commandLine.getErr().println("jocker: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (System.getenv("JOCKER_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return e instanceof jocker.engine.CommandFailure f ? f.exitStatus() : ENGINE_ERROR;
        }

        @Override
        public int getExitCode(Throwable e) {
            return ENGINE_ERROR;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine c = e.getCommandLine();
            c.getErr().println("jocker: " + e.getMessage());
            c.getErr().println("See '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ENGINE_ERROR;
        }
    }

    /** {@code jocker --version}: the version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Jocker.class.getPackage().getImplementationVersion();
            return new String[] {"jocker " + (v != null ? v : "(development build)")};
        }
    }
}
