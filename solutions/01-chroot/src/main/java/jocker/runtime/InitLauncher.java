package jocker.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jocker.linux.JnaSetup;

/**
 * How to start the container's init: a second JVM, on this JVM's class path,
 * tuned to start fast because every container waits for it.
 *
 * @param java      the {@code java} executable
 * @param classPath the init's class path
 * @param jnaLibDir where {@code libjnidispatch.so} is unpacked (see {@link JnaSetup})
 * @param mainClass  the init's main class
 * @param properties {@code -D} options for the JVMs it starts
 */
public record InitLauncher(Path java, String classPath, Path jnaLibDir, String mainClass, List<String> properties) {

    /** The system property that names this JVM's class-data archive: {@code ./jocker} sets it. */
    public static final String ARCHIVE_PROPERTY = "jocker.cds";
    /**
     * The system property that names a directory where each JVM started for
     * a container writes the list of the classes it loaded
     * ({@code -XX:DumpLoadedClassList}): set by the archive's rehearsal
     * ({@code cds.sh}), so that the archive holds what an init loads after
     * its zygote is taken, which {@code Training} cannot run.
     */
    public static final String CLASS_LIST_PROPERTY = "jocker.cds.classlists";
    private static final java.util.concurrent.atomic.AtomicInteger LISTS = new java.util.concurrent.atomic.AtomicInteger();

    public InitLauncher {
        properties = List.copyOf(properties);
    }

    /** The init of this JVM's own classes, with JNA's library unpacked under {@code stateRoot/lib}. */
    public static InitLauncher forThisJvm(Path stateRoot) {
        return new InitLauncher(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                JnaSetup.unpackDispatchLibrary(stateRoot.resolve("lib")),
                Init.class.getName(), List.of());
    }

    // tag::command-line[]
    /** The init's command line for the bundle in {@code bundle}: its one argument. */
    public List<String> commandLine(Path bundle) {
        return commandLine(mainClass, List.of(bundle.toString()));
    }

    /**
     * Options that make a short-lived JVM running C1 alone ({@code -XX:TieredStopAtLevel=1})
     * compile less: one compiler thread, and a method compiled after ten
     * times the calls and loops it would be otherwise. A {@code run --rm
     * busybox true} keeps both cores of a 2-core machine busy, a quarter of it
     * in the two JVMs' compiler threads; with these in both, its processor
     * time fell from 1.86 to 1.63 s and its time from 1.18 to 1.11 s (medians
     * of 11, interleaved). The {@code jocker} launcher gives its JVM the same.
     */
    public static final List<String> COMPILE_LESS = List.of("-XX:CICompilerCount=1",
            "-XX:Tier3InvocationThreshold=2000", "-XX:Tier3MinInvocationThreshold=1000",
            "-XX:Tier3CompileThreshold=20000", "-XX:Tier3BackEdgeThreshold=600000");

    /**
     * A JVM on this launcher's class path running {@code main} with
     * {@code args}, tuned as every JVM Jocker starts for a container is: the
     * init, {@code jocker exec}'s init and the shim of a detached container.
     */
    public List<String> commandLine(String main, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(
                java.toString(),
                // No /tmp/hsperfdata_root/<pid> file on the host for each container.
                "-XX:-UsePerfData",
                // The init runs for a few hundred milliseconds: C1 only, the simplest GC.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                // Load JNA's native library from where the parent unpacked it, and
                // unpack nothing: this JVM never exits to delete what it unpacks.
                "-Djna.nounpack=true",
                "-Djna.boot.library.path=" + jnaLibDir,
                // Libraries by their sonames: no /sbin/ldconfig -p (see JnaSetup).
                JnaSetup.NO_SEARCH_PATH));
        cmd.addAll(COMPILE_LESS); // and little compiled
        String archive = System.getProperty(ARCHIVE_PROPERTY);
        cmd.addAll(startOptions(ownArchive(main, archive), Runtime.version().feature()));
        if (archive != null && !archive.isEmpty()) {
            // The JVMs this one starts (the monitor's inits and zygotes) map the whole archive.
            cmd.add("-D" + ARCHIVE_PROPERTY + "=" + archive);
        }
        String lists = System.getProperty(CLASS_LIST_PROPERTY);
        if (lists != null) {
            String name = main.substring(main.lastIndexOf('.') + 1) + "-"
                    + ProcessHandle.current().pid() + "-" + LISTS.incrementAndGet();
            cmd.add("-XX:DumpLoadedClassList=" + Path.of(lists, name + ".classes"));
        }
        cmd.addAll(properties);
        cmd.addAll(List.of("-cp", classPath, main));
        cmd.addAll(args);
        return cmd;
    }
    // end::command-line[]

    /**
     * The options that make the JVM it starts (this JVM's {@code java}) start
     * fast and quietly on JDK {@code feature}.
     *
     * <p>{@code archive}: the class-data archive that the {@code ./jocker}
     * launcher made for this JDK and class path (the build's training run, see
     * {@code jocker.cli.Training}), or null. With it the JVM maps the classes
     * Jocker's start needs, already parsed and verified, instead of reading
     * them from the jars: most of a JVM's start. A {@code .aot} file is a
     * JDK 24+ AOT cache, anything else an AppCDS archive. The JVM checks the
     * archive against its class path and ignores one that does not match,
     * with a warning on standard output, which for the init is the
     * container's: so that logging is off. Without an archive (tests run from
     * {@code target/classes}) the JDK's own archive of its classes is used.
     *
     * <p>An AppCDS archive (JDK 17) is mapped at the address it was made for
     * ({@code ArchiveRelocationMode=0}, JDK 17's first default): the JDK's
     * default now maps it at a random address and patches every pointer in
     * it, a tenth of a second for Jocker's archive. Not an AOT cache: JDK 25
     * started 60 to 80 ms slower with that mode than with its default.
     *
     * <p>From JDK 22 on, JNA's first native call prints a "restricted method"
     * warning on stderr, the container's, unless native access is allowed.
     */
    // tag::start-options[]
    static List<String> startOptions(String archive, int feature) {
        List<String> options = new ArrayList<>();
        if (feature >= 22) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        if (archive == null || archive.isEmpty()) {
            options.add("-Xshare:auto");
        } else if (archive.endsWith(".aot")) {
            options.addAll(List.of("-XX:AOTCache=" + archive, "-Xlog:aot*=off,cds*=off"));
        } else {
            options.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive,
                    "-Xlog:cds*=off"));
        }
        if (archive != null && !archive.isEmpty()) {
            if (!archive.endsWith(".aot")) {
                // Mapped where it was made for, not moved and patched: 0.1 s less on JDK 17.
                options.addAll(List.of("-XX:+UnlockDiagnosticVMOptions",
                        "-XX:ArchiveRelocationMode=0"));
            }
        }
        return options;
    }
    // end::start-options[]

    /**
     * The JVMs that map an archive of their own, made beside the whole one
     * ({@code <name>.jsa} or {@code .aot}), by main class: the monitor, which
     * runs as long as containers do. A JVM keeps in memory the pages it
     * touched of the archive it maps, and the whole archive's classes are
     * spread over most of its 35 MB: the monitor's proportional set size with
     * ten containers was 67 MiB with the whole archive, 55 MiB with its own
     * (made from a rehearsal's {@code run -d}, see {@code cds.sh}).
     */
    static final Map<String, String> OWN_ARCHIVES = Map.of(
            "jocker.engine.ContainerMonitor", "monitor");

    /** The archive a JVM running {@code main} maps: its own beside {@code archive} if made, else {@code archive}. */
    static String ownArchive(String main, String archive) {
        String own = OWN_ARCHIVES.get(main);
        if (own == null || archive == null || archive.isEmpty()) {
            return archive;
        }
        Path path = Path.of(archive).resolveSibling(own + (archive.endsWith(".aot") ? ".aot" : ".jsa"));
        return Files.isRegularFile(path) ? path.toString() : archive;
    }

    /** The same launcher, with more {@code -Dname=value} system properties for the JVMs it starts. */
    public InitLauncher withProperty(String name, String value) {
        List<String> more = new ArrayList<>(properties);
        more.add("-D" + name + "=" + value);
        return new InitLauncher(java, classPath, jnaLibDir, mainClass, more);
    }

    /** The same launcher, starting {@code main} as its init. */
    public InitLauncher withMainClass(Class<?> main) {
        return new InitLauncher(java, classPath, jnaLibDir, main.getName(), properties);
    }
}
