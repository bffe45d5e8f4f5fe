package jocker.namespaces;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.linux.Kernel;
import jocker.linux.Privileges;
import jocker.runtime.Init;
import jocker.runtime.InitStep;
import jocker.seccomp.SeccompFilter;
import jocker.seccomp.SeccompProfiles;
import jocker.spec.Spec;

/**
 * The init of a {@link Zygote}: a container's PID 1 started before its
 * container exists. Its parent made its PID, UTS, IPC and network
 * namespaces; it starts the JVM, loads every chapter's init steps and the
 * system call bindings, says {@value #READY} on its stdout, and then waits
 * for one line on its stdin: the bundle, and after a tab, if there is one,
 * a file to take as its stdin instead of that pipe (its owner's own stdin,
 * named in the host's /proc). Given one, it makes its mount
 * namespace and goes on as {@link Init} does. Given end of file instead
 * (its owner closed it, or died and the kernel closed the pipe), it exits.
 *
 * <p>Its mount namespace is made only now: a copy of the host's mounts taken
 * at spawn would miss the container's root file system, which the engine
 * mounts (chapter 4's overlay) just before the start. unshare(2) with
 * {@code CLONE_NEWNS} is allowed in a multithreaded process because it
 * implies only {@code CLONE_FS}, and like every unshare from a JVM thread it
 * moves the calling thread alone, the one that later calls execve: that
 * thread's namespaces become the command's. The JVM's other threads stay in
 * the host's mount namespace until execve ends them.
 */
public final class ZygoteInit {

    /** What the zygote writes on its stdout once it waits for its bundle. */
    public static final String READY = "jocker-zygote ready";

    /** {@code -Djocker.zygote.announce=false}: no {@link #READY} line, its stdout being the container's. */
    static final String ANNOUNCE_PROPERTY = "jocker.zygote.announce";

    private ZygoteInit() {
    }

    // tag::main[]
    public static void main(String[] args) {
        Init.runAsInit(() -> {
            List<InitStep> steps = InitStep.all(); // loads the steps' classes while nobody waits
            // Loads the C library binding: unshare(2) with no flags changes nothing.
            Kernel.unshare(0);
            warmUpSeccomp(warmUpSpecReader());
            warmUpSteps();
            if (!"false".equals(System.getProperty(ANNOUNCE_PROPERTY))) {
                say(READY + "\n");
            }
            String line = readLine(new FileInputStream(FileDescriptor.in));
            if (line == null) {
                Runtime.getRuntime().halt(0); // not taken: the owner closed our stdin
            }
            String[] fields = line.split("\t", 2);
            String bundle = fields[0];
            if (fields.length > 1) {
                // A file to read as stdin: the owner's own, through the host's /proc.
                int in = Kernel.openReadOnly(fields[1]);
                Kernel.dup2(in, 0);
                Kernel.close(in);
            }
            Kernel.unshare(Namespace.MNT.flag());
            Init.run(steps, Init.context(new String[] {bundle}, 0));
        });
    }
    // end::main[]

    /**
     * Reads a spec like the one it will be given, so that jackson-jr's
     * classes and its view of the spec's records are loaded before the
     * container waits for them: most of what a cold init does between its
     * JVM's start and its first system call. Like a real one, it has Docker's
     * default seccomp filter (three hundred names), an annotation (a map),
     * and the masks; then it opens a file by name through JNA, whose string
     * arguments (every mount) take classes of their own.
     */
    private static Spec warmUpSpecReader() throws IOException {
        Spec sample = Spec.of(Path.of("rootfs"), List.of("true"));
        NamespacesFeature.configure(sample, "zygote");
        sample.linux.seccomp = SeccompProfiles.toSpec(SeccompProfiles.loadDefault(),
                SeccompProfiles.DEFAULT_CAPABILITIES);
        sample.annotations.put("dev.jocker.zygote", "sample");
        Spec read = JSON.std.beanFrom(Spec.class, JSON.std.asString(sample));
        Kernel.close(Kernel.openReadOnly("/proc/self/stat"));
        return read;
    }

    /**
     * Builds the sample's seccomp filter, Docker's default, and keeps it
     * ({@link SeccompFilter#prepare}): loads libseccomp, binds its functions
     * and turns each rule into filter instructions, which a cold init does
     * while its container waits (tens of milliseconds). A container whose
     * filter is that one, most of them, has it loaded as it is; another's is
     * built then, with everything it needs loaded already.
     */
    private static void warmUpSeccomp(Spec sample) {
        SeccompFilter.prepare(sample.linux.seccomp);
    }

    /**
     * Does, with no effect, what the init's steps do for the first time in a
     * JVM, each a few milliseconds of a cold one while its container waits:
     * the JDK's first file channel (it loads libnio and libnet, and makes a
     * socket pair) and reading {@code /proc} as the namespace check does, and
     * the capability calls' bindings and structures (reading the bounding
     * set, changing nothing).
     */
    private static void warmUpSteps() throws IOException {
        ProcessHandle.current().pid();
        Files.readAllLines(Path.of("/proc/self/status"));
        Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt"));
        Privileges.warmUp();
    }

    private static void say(String line) throws IOException {
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * One line, read a byte at a time: what follows the newline is the
     * container's stdin, which a buffered reader would swallow. Null at end
     * of file before a newline.
     */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }
}
