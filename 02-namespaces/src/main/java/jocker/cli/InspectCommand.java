package jocker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jocker.engine.ContainerEngine;
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
        // Made here, not in a static field: Jackson's classes load only for the commands that print JSON.
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
        System.out.println(json.writeValueAsString(out));
        return 0;
    }
}
