package jocker.cgroups.cli;

import jocker.cgroups.ContainerResources;
import jocker.cgroups.Limits;
import jocker.engine.ContainerState;
import jocker.engine.Containers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jocker run}, chapter 3's: chapter 2's, with limits the kernel enforces. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run a command in a new container.",
            "Chapter 3: as chapter 2's, and in a cgroup of its own, with the limits below.",
            "A command the kernel's OOM killer ends exits 137 and 'jocker inspect' shows OOMKilled."},
        footer = {"", "Examples:",
            "  jocker run -m 32m busybox sh -c 'x=a; while true; do x=$x$x; done'",
            "  jocker run --pids-limit 10 busybox sh -c 'for i in $(seq 50); do sleep 5 & done; wait'",
            "  jocker run --cpus 0.5 busybox sh -c 'while true; do :; done'"})
public final class RunCommand extends jocker.cli.ContainerRunCommand {

    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES",
            description = "Memory limit, with b, k, m or g (e.g. 32m).")
    private String memory;

    @Option(names = "--memory-swap", paramLabel = "BYTES",
            description = "Memory plus swap; -1 for unlimited swap (default: twice --memory).")
    private String memorySwap;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs the container may use, e.g. 0.5.")
    private Double cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "SHARES",
            description = "Relative CPU weight when CPUs are contended (default 1024).")
    private Integer cpuShares;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Most processes at once; 0 or -1: no limit.")
    private Long pidsLimit;

    @Override
    public int chapter() {
        return 3;
    }

    /** The limits from the options, checked before anything is made. */
    Limits limits() {
        Limits limits = Limits.NONE;
        if (memory != null) {
            limits = limits.withMemory(Limits.parseBytes(memory));
        }
        if (memorySwap != null) {
            limits = limits.withMemorySwap(memorySwap.equals("-1") ? -1 : Limits.parseBytes(memorySwap));
        }
        if (cpus != null) {
            limits = limits.withCpus(cpus);
        }
        if (cpuShares != null) {
            limits = limits.withCpuShares(cpuShares);
        }
        if (pidsLimit != null) {
            limits = limits.withPidsLimit(pidsLimit);
        }
        return limits;
    }

    @Override
    public Integer call() throws Exception {
        limits(); // a bad option fails here, before a container is made
        return super.call();
    }

    @Override
    protected void created(Containers containers, ContainerState state) throws Exception {
        new ContainerResources(limits(), false).write(containers.store(), state.id());
    }
}
