package jocker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jocker.cgroups.ContainerResources;
import jocker.cli.Jocker;
import jocker.cli.Subcommand;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.ContainerSummary;
import jocker.cgroups.Limits;
import jocker.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker inspect}: a container's record as JSON, with Docker's State fields. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show containers' state as JSON.")
public final class InspectCommand implements Callable<Integer>, Subcommand {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    private Jocker jocker;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Names, IDs or unique ID prefixes.")
    private List<String> containers;

    @Override
    public int chapter() {
        return 3;
    }

    @Override
    public Integer call() throws Exception {
        ContainerStore store = new ContainerStore(jocker.root());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String ref : containers) {
            ContainerState s = store.find(ref);
            ContainerResources r = ContainerResources.read(store, s.id());
            String status = ContainerSummary.stateOf(store, s);
            boolean running = status.equals("running") || status.equals("paused");
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("Status", status);
            state.put("Running", running);
            state.put("Paused", status.equals("paused"));
            state.put("OOMKilled", r.oomKilled());
            state.put("Pid", running ? s.pid() : 0);
            state.put("ExitCode", s.exitCode() != null ? s.exitCode() : 0);
            state.put("StartedAt", s.processStart());
            state.put("FinishedAt", s.finished());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("Id", s.id());
            c.put("Name", s.name());
            c.put("Image", s.image());
            c.put("Created", s.created());
            c.put("State", state);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("Hostname", s.hostname());
            config.put("Cmd", s.command());
            config.put("Env", s.env());
            config.put("WorkingDir", s.workdir());
            c.put("Config", config);
            Spec spec = ContainerState.BROKEN.equals(s.status()) ? null : store.bundle(s.id()).read();
            c.put("HostConfig", spec == null || spec.linux == null ? Limits.NONE
                    : Limits.fromResources(spec.linux.resources));
            // The bundle the runtime ran: its config.json is the whole container, in the OCI runtime spec's format.
            c.put("Bundle", store.bundle(s.id()).dir().toString());
            out.add(c);
        }
        System.out.println(JSON.writeValueAsString(out));
        return 0;
    }
}
