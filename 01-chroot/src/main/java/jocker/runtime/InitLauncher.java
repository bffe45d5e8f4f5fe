package jocker.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                "-Xshare:auto",
                // Load JNA's native library from where the parent unpacked it, and
                // unpack nothing: this JVM never exits to delete what it unpacks.
                "-Djna.nounpack=true",
                "-Djna.boot.library.path=" + jnaLibDir));
        cmd.addAll(properties);
        cmd.addAll(List.of("-cp", classPath, main));
        cmd.addAll(args);
        return cmd;
    }
    // end::command-line[]

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
