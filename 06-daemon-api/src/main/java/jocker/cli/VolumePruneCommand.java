package jocker.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.volumes.VolumeFilters;
import jocker.volumes.VolumeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jocker volume prune}: removes every volume no container uses. */
@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove all volumes no container uses.")
public final class VolumePruneCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    private boolean force;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "label=KEY[=VALUE], label!=KEY[=VALUE].")
    private List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!force) {
            System.out.println("WARNING! This will remove all local volumes not used by at least one container.");
            System.out.print("Are you sure you want to continue? [y/N] ");
            System.out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
                return 0;
            }
        }
        VolumeStore volumes = VolumeCli.volumes(spec);
        VolumeFilters selected = VolumeFilters.parse(filters);
        VolumeStore.Pruned pruned = volumes.prune(v -> selected.matches(v, false));
        if (!pruned.names().isEmpty()) {
            System.out.println("Deleted Volumes:");
            pruned.names().forEach(System.out::println);
            System.out.println();
        }
        System.out.println("Total reclaimed space: " + ImageCli.humanSize(pruned.bytes()));
        return 0;
    }
}
