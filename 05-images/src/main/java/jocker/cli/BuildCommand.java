package jocker.cli;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jocker.build.BuildRequest;
import jocker.build.Builder;
import jocker.images.LocalImages;
import jocker.runtime.Stdio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jocker build}: an image made from a Dockerfile, one step (a container or a copy) at a time. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build an image from a Dockerfile.",
            "Each step makes an image of its own: RUN runs a container and keeps its changes, COPY and ADD add "
                + "files, the rest change the config. Steps done before are taken from the cache."})
public final class BuildCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name the image (repeatable).")
    private List<String> tags = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The Dockerfile (default: CONTEXT/Dockerfile).")
    private Path file;

    @Option(names = "--build-arg", paramLabel = "NAME=VALUE", description = "Set an ARG (repeatable).")
    private List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build up to this stage (by its AS name).")
    private String target;

    @Option(names = "--no-cache", description = "Run every step, even those the cache has.")
    private boolean noCache;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image ID.")
    private boolean quiet;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "The directory COPY and ADD read from.")
    private Path context;

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public Integer call() throws Exception {
        Jocker.requireRoot("RUN steps are containers");
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : buildArgs) {
            int eq = arg.indexOf('=');
            if (eq == 0) {
                throw new IllegalArgumentException("--build-arg " + arg + ": the name is missing (NAME=VALUE)");
            }
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq >= 0 ? arg.substring(eq + 1) : System.getenv(name); // --build-arg NAME: from here
            if (value != null) {
                args.put(name, value);
            }
        }
        Path root = jocker.images().root(); // also points JNA at the state directory's copy
        Path contextDir = context.toAbsolutePath().normalize();
        Path dockerfile = file != null ? file.toAbsolutePath().normalize() : contextDir.resolve("Dockerfile");
        Redirect nowhere = Redirect.to(new File("/dev/null"));
        Stdio runOutput = quiet ? new Stdio(Redirect.from(new File("/dev/null")), nowhere, nowhere)
                : new Stdio(Redirect.from(new File("/dev/null")), Redirect.INHERIT, Redirect.INHERIT);
        BuildRequest request = new BuildRequest(contextDir, dockerfile, tags, args, target, noCache,
                quiet ? new PrintStream(OutputStream.nullOutputStream()) : System.out, runOutput);
        LocalImages.Image image = new Builder(root).build(request);
        if (quiet) {
            System.out.println(image.id());
        }
        return 0;
    }
}
