package jocker.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import jocker.registry.GarbageCollector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jocker registry gc}: removes the blobs no manifest reaches and abandoned uploads. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Remove blobs no manifest reaches, and abandoned upload sessions.")
public final class RegistryGcCommand implements Callable<Integer> {

    @Option(names = "--root", defaultValue = "/var/lib/jocker-registry",
            description = "The registry's storage (default: ${DEFAULT-VALUE}).")
    private Path root;

    @Option(names = {"-n", "--dry-run"}, description = "Only print what would be removed.")
    private boolean dryRun;

    @Option(names = "--uploads-older-than", paramLabel = "HOURS", defaultValue = "24",
            description = "Remove upload sessions idle for this many hours (default: ${DEFAULT-VALUE}).")
    private long uploadHours;

    @Override
    public Integer call() throws Exception {
        GarbageCollector.Report report = GarbageCollector.collect(root, dryRun, Duration.ofHours(uploadHours));
        String verb = dryRun ? "would remove " : "removed ";
        report.blobs().forEach(d -> System.out.println(verb + "blob " + d));
        report.uploads().forEach(u -> System.out.println(verb + "upload " + u));
        System.out.println((dryRun ? "Would reclaim: " : "Total reclaimed space: ") + ImageCli.humanSize(report.bytes())
                + " (" + report.blobs().size() + " blobs, " + report.uploads().size() + " uploads)");
        return 0;
    }
}
