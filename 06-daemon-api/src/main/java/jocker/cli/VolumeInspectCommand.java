package jocker.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.volumes.Volume;
import jocker.volumes.VolumeException;
import jocker.volumes.VolumeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker volume inspect}: a JSON array of Docker's volume documents. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Display detailed information on volumes.")
public final class VolumeInspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "VOLUME", description = "Names.")
    private List<String> names;

    @Override
    public Integer call() throws Exception {
        VolumeStore volumes = VolumeCli.volumes(spec);
        List<Volume> out = new ArrayList<>();
        int status = 0;
        for (String name : names) {
            try {
                out.add(volumes.get(name));
            } catch (VolumeException e) {
                System.err.println("jocker: " + e.getMessage());
                status = 1;
            }
        }
        // As Docker's json.MarshalIndent: 4 spaces, "Key": value, {} for an empty map.
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator("");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"));
        System.out.println(new ObjectMapper().writer(pretty).writeValueAsString(out));
        return status;
    }
}
