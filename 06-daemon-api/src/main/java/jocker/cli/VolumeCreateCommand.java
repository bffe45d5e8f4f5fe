package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.engine.Names;
import jocker.volumes.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker volume create [NAME]}: prints the name, a random one if none is given. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a volume.")
public final class VolumeCreateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-d", "--driver"}, paramLabel = "DRIVER", description = "Only 'local' (the default).")
    private String driver = "local";

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label of the volume.")
    private List<String> labels = new ArrayList<>();

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The name (default: 64 random hex digits).")
    private String name;

    @Override
    public Integer call() throws Exception {
        if (!driver.equals("local")) {
            throw new IllegalArgumentException("create " + name + ": volume driver '" + driver
                    + "' is not supported: jocker has only 'local'");
        }
        Volume volume = VolumeCli.volumes(spec).create(name != null ? name : Names.newId(),
                VolumeCli.labels(labels));
        System.out.println(volume.name());
        return 0;
    }
}
