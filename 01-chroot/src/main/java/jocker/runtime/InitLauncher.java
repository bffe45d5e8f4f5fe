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
 * @param mainClass the init's main class
 */
public record InitLauncher(Path java, String classPath, Path jnaLibDir, String mainClass) {

    /** The init of this JVM's own classes, with JNA's library unpacked under {@code stateRoot/lib}. */
    public static InitLauncher forThisJvm(Path stateRoot) {
        return new InitLauncher(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                JnaSetup.unpackDispatchLibrary(stateRoot.resolve("lib")),
                Init.class.getName());
    }

    // tag::command-line[]
    public List<String> commandLine(InitConfig config) {
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
                "-Djna.boot.library.path=" + jnaLibDir,
                "-cp", classPath,
                mainClass));
        cmd.addAll(config.toArgs());
        return cmd;
    }
    // end::command-line[]
}
