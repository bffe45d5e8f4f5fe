package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.volumes.Volume;
import jocker.volumes.VolumeFilters;
import jocker.volumes.VolumeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jocker volume ls}: {@code DRIVER  VOLUME NAME}, as Docker prints it. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List volumes.")
public final class VolumeListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, description = "Only the names.")
    private boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
            description = "dangling=true|false, name=SUBSTRING, label=KEY[=VALUE].")
    private List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        VolumeStore volumes = VolumeCli.volumes(spec);
        List<Volume> shown = VolumeFilters.parse(filters).apply(volumes, volumes.list());
        if (quiet) {
            shown.forEach(v -> System.out.println(v.name()));
            return 0;
        }
        List<String[]> rows = ImageCli.table("DRIVER", "VOLUME NAME");
        shown.forEach(v -> rows.add(new String[] {v.driver(), v.name()}));
        ImageCli.printTable(rows);
        return 0;
    }
}
