package jocker.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jocker.images.ImageConfig;
import jocker.images.LocalImages;

/**
 * Prepares each instruction's {@link Step}: its arguments expanded (where
 * Docker expands them), the run settings it leaves, and the files of a
 * COPY, ADD or WORKDIR laid out in a {@link LayerTree}. Nothing runs here:
 * what a step is must be known before the cache is asked whether it was
 * taken before.
 */
final class Steps {

    private final Dockerfile file;
    private final Map<String, String> buildArgs;
    private final Map<String, String> metaArgs;
    private final LocalImages images;
    private final SourceFiles context;
    private final Path contextDir;
    private final Map<Integer, LocalImages.Image> stages;
    private final Set<String> usedArgs;

    Steps(Dockerfile file, Map<String, String> buildArgs, Map<String, String> metaArgs, LocalImages images,
            Path contextDir, SourceFiles context, Map<Integer, LocalImages.Image> stages,
            Set<String> usedArgs) {
        this.file = file;
        this.buildArgs = buildArgs;
        this.metaArgs = metaArgs;
        this.images = images;
        this.context = context;
        this.contextDir = contextDir;
        this.stages = stages;
        this.usedArgs = usedArgs;
    }

    Step prepare(StageState state, Instruction instruction) throws IOException {
        Map<String, String> vars = state.substitutions();
        RunSettings run = new RunSettings(state.run());
        List<String> args = instruction.args();
        String keyword = instruction.keyword();
        switch (keyword) {
            case "RUN" -> {
                if (state.image == null) {
                    throw new DockerfileException("FROM scratch has no files yet, no shell to run: COPY some in first");
                }
                List<String> command = commandLine(instruction, run);
                StringBuilder createdBy = new StringBuilder();
                Map<String, String> runArgs = state.runArgs();
                if (!runArgs.isEmpty()) { // the build args a RUN sees are part of what it does
                    createdBy.append('|').append(runArgs.size());
                    runArgs.forEach((name, value) -> createdBy.append(' ').append(name).append('=').append(value));
                    createdBy.append(' ');
                }
                createdBy.append(String.join(" ", command));
                return new Step(createdBy.toString(), run.toConfig(), null, command);
            }
            case "CMD" -> {
                run.cmd = commandLine(instruction, run);
                state.cmdSet = true;
                return nop(run, keyword + " " + json(run.cmd));
            }
            case "ENTRYPOINT" -> {
                run.entrypoint = commandLine(instruction, run);
                if (!state.cmdSet) {
                    run.cmd = null; // an inherited CMD was meant for the old ENTRYPOINT
                }
                return nop(run, keyword + " " + json(run.entrypoint));
            }
            case "SHELL" -> {
                run.shell = args;
                return nop(run, keyword + " " + json(args));
            }
            case "ENV", "LABEL" -> {
                List<String> pairs = new ArrayList<>();
                for (String word : args) {
                    int eq = word.indexOf('=');
                    String name = expand(word.substring(0, eq), vars);
                    String value = expand(word.substring(eq + 1), vars);
                    if (keyword.equals("ENV")) {
                        run.setEnv(name, value);
                        vars.put(name, value); // ENV A=1 B=$A: B is 1
                    } else {
                        run.setLabel(name, value);
                    }
                    pairs.add(name + "=" + value);
                }
                return nop(run, keyword + " " + String.join(" ", pairs));
            }
            case "ARG" -> {
                List<String> declared = new ArrayList<>();
                for (String word : args) {
                    int eq = word.indexOf('=');
                    String name = eq < 0 ? word : word.substring(0, eq);
                    String value = buildArgs.containsKey(name) ? buildArgs.get(name)
                            : eq >= 0 ? expand(word.substring(eq + 1), vars)
                            : metaArgs.get(name); // ARG NAME after FROM brings a meta ARG's value in
                    usedArgs.add(name);
                    if (value != null) {
                        state.args.put(name, value);
                        vars.put(name, value);
                    }
                    declared.add(eq < 0 ? name : name + "=" + expand(word.substring(eq + 1), vars));
                }
                return nop(run, keyword + " " + String.join(" ", declared));
            }
            case "WORKDIR" -> {
                String dir = absolute(expand(args.get(0), vars), run.workingDir);
                run.workingDir = dir;
                ImageFiles files = ImageFiles.of(images, state.image);
                String resolved = files.resolve(dir, true);
                LayerTree tree = null;
                if (!files.isDirectory(resolved)) { // made, as Docker does: RUN and the container start there
                    tree = new LayerTree(images.root(), files);
                    tree.directory(resolved, Ownership.ROOT);
                    tree.finish();
                }
                return new Step(Step.NOP + keyword + " " + dir, run.toConfig(), tree, null);
            }
            case "USER" -> {
                run.user = expand(args.get(0), vars);
                return nop(run, keyword + " " + run.user);
            }
            case "STOPSIGNAL" -> {
                run.stopSignal = expand(args.get(0), vars);
                return nop(run, keyword + " " + run.stopSignal);
            }
            case "MAINTAINER" -> {
                Step step = nop(run, keyword + " " + args.get(0));
                state.config = new ImageConfig(state.config.created(), args.get(0),
                        state.config.architecture(), state.config.os(), state.config.config(),
                        state.config.rootfs(), state.config.history());
                return step;
            }
            case "EXPOSE" -> {
                List<String> ports = new ArrayList<>();
                for (String word : args) {
                    String port = expand(word, vars);
                    if (!port.matches("\\d{1,5}(-\\d{1,5})?(/(tcp|udp|sctp))?")) {
                        throw new DockerfileException("invalid port \"" + port + "\": PORT or PORT/tcp|udp|sctp");
                    }
                    port = port.contains("/") ? port : port + "/tcp";
                    run.expose(port);
                    ports.add(port);
                }
                return nop(run, keyword + " " + String.join(" ", ports));
            }
            case "VOLUME" -> {
                List<String> paths = new ArrayList<>();
                for (String word : args) {
                    String path = expand(word, vars);
                    if (path.isBlank()) {
                        throw new DockerfileException("a volume needs a path");
                    }
                    run.addVolume(path);
                    paths.add(path);
                }
                return nop(run, keyword + " " + json(paths));
            }
            case "COPY", "ADD" -> {
                return copy(state, instruction, run, vars);
            }
            default -> throw new DockerfileException("unknown instruction: " + keyword);
        }
    }

    private Step copy(StageState state, Instruction instruction, RunSettings run, Map<String, String> vars)
            throws IOException {
        List<String> words = new ArrayList<>();
        for (String word : instruction.args()) {
            words.add(expand(word, vars));
        }
        List<String> sources = words.subList(0, words.size() - 1);
        String dest = words.get(words.size() - 1);
        String absoluteDest = absolute(dest, run.workingDir);
        if ((dest.endsWith("/") || dest.equals(".")) && !absoluteDest.endsWith("/")) {
            absoluteDest += "/"; // a directory, even if the image has none there yet
        }
        ImageFiles target = ImageFiles.of(images, state.image);
        String fromFlag = instruction.flag("from") != null ? expand(instruction.flag("from"), vars) : null;
        SourceFiles from = fromFlag != null ? SourceFiles.image(ImageFiles.of(images, fromImage(fromFlag)))
                : context;
        String chown = instruction.flag("chown") != null ? expand(instruction.flag("chown"), vars) : null;
        Ownership owner = chown != null ? Ownership.parse(chown, target) : Ownership.ROOT;
        Integer chmod = null;
        if (instruction.flag("chmod") != null) {
            String mode = expand(instruction.flag("chmod"), vars);
            if (!mode.matches("[0-7]{3,4}")) {
                throw new DockerfileException("invalid --chmod=" + mode + ": an octal mode such as 755");
            }
            chmod = Integer.parseInt(mode, 8);
        }
        LayerTree tree = new LayerTree(images.root(), target);
        try {
            new Copier(from, fromFlag != null ? null : contextDir, target, tree, owner, chmod,
                    instruction.keyword().equals("ADD")).copy(sources, absoluteDest);
        } catch (IOException | RuntimeException e) {
            tree.close();
            throw e;
        }
        String flags = (fromFlag != null ? "--from=" + fromFlag + " " : "")
                + (chown != null ? "--chown=" + chown + " " : "")
                + (chmod != null ? "--chmod=" + Integer.toOctalString(chmod) + " " : "");
        return new Step(Step.NOP + instruction.keyword() + " " + flags + String.join(" ", sources) + " in "
                + absoluteDest, run.toConfig(), tree, null);
    }

    /** What {@code --from} names: an earlier stage (by name or index) or an image. */
    private LocalImages.Image fromImage(String ref) throws IOException {
        for (Map.Entry<Integer, LocalImages.Image> stage : stages.entrySet()) {
            Stage earlier = file.stages().get(stage.getKey());
            if (earlier.isNamed(ref)) {
                if (stage.getValue() == null) {
                    throw new DockerfileException("--from=" + ref + ": that stage is empty (FROM scratch and no "
                            + "step)");
                }
                return stage.getValue();
            }
        }
        for (Stage later : file.stages()) {
            if (later.isNamed(ref) && !stages.containsKey(later.index())) {
                throw new DockerfileException("--from=" + ref + " names this stage or a later one: only an "
                        + "earlier stage can be copied from");
            }
        }
        return images.resolve(ref);
    }

    /** RUN's, CMD's or ENTRYPOINT's command: the JSON array, or the shell with the line. */
    private static List<String> commandLine(Instruction instruction, RunSettings run) {
        if (instruction.execForm()) {
            return instruction.args();
        }
        List<String> command = new ArrayList<>(run.shellOrDefault());
        command.add(instruction.args().get(0));
        return command;
    }

    private static Step nop(RunSettings run, String text) {
        return new Step(Step.NOP + text, run.toConfig(), null, null);
    }

    private String expand(String word, Map<String, String> vars) {
        return Substitution.expand(word, vars, file.escape());
    }

    /** {@code path} made absolute against the working directory, and cleaned. */
    private static String absolute(String path, String workingDir) {
        String base = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
        String joined = path.startsWith("/") ? path : base + "/" + path;
        return DockerIgnore.clean(joined);
    }

    /** {@code ["a","b"]}, as Docker's history shows a command. */
    private static String json(List<String> words) {
        StringBuilder out = new StringBuilder("[");
        for (String word : words) {
            out.append(out.length() > 1 ? " " : "").append('"').append(word.replace("\"", "\\\"")).append('"');
        }
        return out.append(']').toString();
    }
}
