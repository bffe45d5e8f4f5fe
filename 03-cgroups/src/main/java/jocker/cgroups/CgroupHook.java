package jocker.cgroups;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.engine.ContainerHook;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;

/**
 * Gives every container a cgroup: made and limited before the init starts,
 * joined by the init itself just before execve ({@link CgroupJoin}), asked
 * about the OOM killer when the command ends, and removed with it.
 */
public final class CgroupHook implements ContainerHook {

    @Override
    public int chapter() {
        return 3;
    }

    /** The cgroup of container {@code id}, on this host's hierarchy. */
    public static Cgroup of(String id) {
        return Cgroups.host().forContainer(id);
    }

    // tag::before-start[]
    @Override
    public List<String> beforeStart(ContainerStore store, ContainerState state) throws IOException {
        Cgroup cgroup = of(state.id());
        cgroup.create();
        cgroup.apply(ContainerResources.read(store, state.id()).limits());
        List<String> args = new ArrayList<>();
        for (Path dir : cgroup.paths()) {
            args.add(CgroupJoin.ARGUMENT + dir.resolve("cgroup.procs"));
        }
        return args;
    }
    // end::before-start[]

    /** {@code jocker exec}'s process joins the container's cgroup too, counted against its limits. */
    @Override
    public List<String> beforeExec(ContainerStore store, ContainerState state) {
        List<String> args = new ArrayList<>();
        for (Path dir : of(state.id()).paths()) {
            if (java.nio.file.Files.isDirectory(dir)) {
                args.add(CgroupJoin.ARGUMENT + dir.resolve("cgroup.procs"));
            }
        }
        return args;
    }

    // tag::after-exit[]
    /**
     * Records whether the OOM killer struck, then removes the cgroup: nothing
     * of it outlives the command, whether it exited, was killed or ran out
     * of memory.
     */
    @Override
    public void afterExit(ContainerStore store, ContainerState state, int status) throws IOException {
        Cgroup cgroup = of(state.id());
        try {
            boolean oomKilled = cgroup.oomKills() > 0;
            ContainerResources.read(store, state.id()).withOomKilled(oomKilled).write(store, state.id());
        } finally {
            cgroup.destroy();
        }
    }
    // end::after-exit[]

    /** A paused container cannot act on a signal until it is thawed. */
    // tag::signal[]
    @Override
    public void beforeSignal(ContainerStore store, ContainerState state) {
        Cgroup cgroup = of(state.id());
        try {
            if (state.isRunning() && cgroup.isFrozen()) {
                cgroup.thaw();
            }
        } catch (RuntimeException cannotThaw) {
            // stop and rm go on: the kill in destroy() reaches a frozen task too, once thawed or not
        }
    }
    // end::signal[]

    @Override
    public String runningStatus(ContainerStore store, ContainerState state, String status) {
        try {
            return of(state.id()).isFrozen() ? status + " (Paused)" : status;
        } catch (RuntimeException gone) {
            return status;
        }
    }

    /** Also when the monitor is gone (killed with the machine's OOM killer, say): no cgroup stays behind. */
    @Override
    public void beforeRemove(ContainerStore store, ContainerState state) {
        of(state.id()).destroy();
    }
}
