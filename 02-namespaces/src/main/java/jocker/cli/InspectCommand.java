package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jocker.engine.ContainerEngine;
import jocker.engine.StateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker inspect}: containers as JSON, with Docker's State fields and the path of their bundle. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show containers as JSON: state, configuration, and the bundle directory",
            "whose config.json (OCI runtime spec) is everything the container is."},
        footer = {"", "Example:", "  cat \"$(jocker inspect web | grep '\"Bundle\"' | cut -d'\"' -f4)/config.json\""})
public final class InspectCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Names, IDs or unique ID prefixes.")
    private List<String> containers;

    @Override
    public int chapter() {
        return 2;
    }

    @Override
    public Integer call() throws Exception {
        ContainerEngine engine = ContainerCli.reader(jocker);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String ref : containers) {
            out.add(engine.inspect(ref));
        }
        // jackson-jr, like state.json (StateJson): Jackson's databind would be a third of this command's time.
        System.out.println(StateJson.PRINTED.asString(out));
        return 0;
    }
}
