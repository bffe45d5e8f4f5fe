package jocker.security;

import java.util.List;
import jocker.linux.CapLibC;
import jocker.linux.Privileges;
import jocker.runtime.InitContext;
import jocker.runtime.InitStep;
import jocker.runtime.Phase;

/** The init's steps of confinement, for a new container and for {@code jocker exec}'s process alike. */
public final class ConfinementSteps {

    /** See {@code Init.USED_AFTER_ROOT_SWITCH}. */
    static final List<Class<?>> USED_AFTER_ROOT_SWITCH = List.of(DropPrivileges.class, Capabilities.class,
            Privileges.class, CapLibC.class, CapLibC.CapHeader.class, CapLibC.CapData.class);

    private ConfinementSteps() {
    }

    /** Loads the classes and the C library binding while the host's files can still be seen. */
    public static final class Load implements InitStep {
        @Override
        public Phase phase() {
            return Phase.PREPARE;
        }

        @Override
        public int chapter() {
            return 2;
        }

        @Override
        public boolean forExec() {
            return true;
        }

        @Override
        public void run(InitContext context) {
            USED_AFTER_ROOT_SWITCH.size();
            Capabilities.NAMES.size();
            Privileges.load();
        }
    }

    /** After every step that needs a privilege: {@link DropPrivileges}. */
    public static final class Confine implements InitStep {
        @Override
        public Phase phase() {
            return Phase.CONFINE;
        }

        @Override
        public int chapter() {
            return 2;
        }

        @Override
        public boolean forExec() {
            return true;
        }

        @Override
        public void run(InitContext context) {
            try {
                DropPrivileges.apply(context.spec().process);
            } catch (RuntimeException e) {
                if (!e.getClass().getSimpleName().equals("ExerciseNotDoneException")) {
                    throw e;
                }
                // In the workspace, before exercise 2.8 is done: the exercises before it are graded by
                // running containers, which still run, unconfined, and say nothing (their output is
                // what those tests read). Exercise 2.8's tests see every capability still there.
            }
        }
    }
}
