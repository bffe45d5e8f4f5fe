package jocker.cli;

import java.util.List;
import java.util.concurrent.Callable;
import jocker.volumes.VolumeException;
import jocker.volumes.VolumeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker volume rm}: refused for a volume a container uses, running or not. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove volumes no container uses.")
public final class VolumeRemoveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "No error for a volume that does not exist.")
    private boolean force;

    @Parameters(arity = "1..*", paramLabel = "VOLUME", description = "Names.")
    private List<String> names;

    @Override
    public Integer call() throws Exception {
        VolumeStore volumes = VolumeCli.volumes(spec);
        int status = 0;
        for (String name : names) {
            try {
                volumes.remove(name, force);
                System.out.println(name);
            } catch (VolumeException e) {
                System.err.println("jocker: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
