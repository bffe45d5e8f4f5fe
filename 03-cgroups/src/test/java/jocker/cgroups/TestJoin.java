package jocker.cgroups;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.runtime.InitContext;
import jocker.runtime.Phase;
import jocker.runtime.PhasedStep;

/**
 * The tests' own join: the init of a container whose environment holds
 * {@code JOCKER_TEST_JOIN=1} moves into its cgroup whether or not exercise
 * 3.6 is done, in the same two steps as {@link CgroupJoin}. The container
 * tests of exercises 3.2 to 3.5 ask for it, so that each passes as soon as
 * its exercise is done, in book order, before the join of 3.6; the tests of
 * 3.6 do not, and see only the student's join. Where 3.6 is done the init is
 * in its cgroup already, and writing its PID again changes nothing.
 *
 * <p>Found by the init's {@code ServiceLoader} on the tests' class path,
 * {@code META-INF/services/jocker.runtime.InitStep} in the tests' resources.
 */
public final class TestJoin {

    /** The variable a test puts in the container's environment to ask for this join. */
    public static final String VARIABLE = "JOCKER_TEST_JOIN";
    /** It, as an environment entry. */
    public static final String ENV = VARIABLE + "=1";

    private static final List<FileOutputStream> PROCS = new ArrayList<>();

    private TestJoin() {
    }

    static boolean asked(InitContext context) {
        return context.spec().process != null && context.spec().process.env != null
                && context.spec().process.env.contains(ENV)
                && context.spec().linux != null && context.spec().linux.cgroupsPath != null;
    }

    /** Before the root switch, as {@link CgroupJoin.Open}: open the cgroup.procs files. */
    public static final class Open extends PhasedStep {
        public Open() {
            super(Phase.PREPARE, 3);
        }

        @Override
        public void run(InitContext context) throws IOException {
            if (!asked(context)) {
                return;
            }
            String id = Path.of(context.spec().linux.cgroupsPath).getFileName().toString();
            for (Path dir : Cgroups.host().forContainer(id).paths()) {
                if (Files.isDirectory(dir)) {
                    PROCS.add(new FileOutputStream(dir.resolve("cgroup.procs").toFile()));
                }
            }
        }
    }

    /** Just before execve, beside {@link CgroupJoin.Join}: write "0", the writing process. */
    public static final class Join extends PhasedStep {
        public Join() {
            super(Phase.CGROUP, 3);
        }

        @Override
        public void run(InitContext context) throws IOException {
            for (FileOutputStream file : PROCS) {
                file.write("0".getBytes(StandardCharsets.US_ASCII));
                file.close();
            }
        }
    }
}
