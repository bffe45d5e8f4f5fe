package jocker.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed Dockerfile: the {@code ARG}s before the first {@code FROM}
 * (usable in FROM lines only) and the build stages.
 *
 * <pre>
 * # escape=`            parser directive: only at the very top
 * ARG BASE=busybox      a "meta" ARG, before any FROM
 * FROM $BASE AS build   stage 0, named "build"
 * RUN echo hi &gt; /out
 * FROM scratch          stage 1, the one built unless --target says otherwise
 * COPY --from=build /out /out
 * </pre>
 *
 * @param fileName  the name errors show: {@code Dockerfile}
 * @param escape    the escape character: {@code \} or the {@code escape} directive's {@code `}
 * @param metaArgs  the ARG instructions before the first FROM
 * @param stages    the stages, at least one
 */
public record Dockerfile(String fileName, char escape, List<Instruction> metaArgs, List<Stage> stages) {

    /** Docker's rule for stage names: they name stages in --from and --target, so no symbols. */
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9._-]*");

    public Dockerfile {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
    }

    /** Parses {@code text}; {@code fileName} is what error messages call it. */
    public static Dockerfile parse(String text, String fileName) {
        LogicalLines lines = new LogicalLines(fileName);
        List<LogicalLines.Line> logical = lines.split(text);
        InstructionParser parser = new InstructionParser(fileName, lines.escape());
        List<Instruction> metaArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Instruction from = null;
        List<Instruction> body = new ArrayList<>();
        for (LogicalLines.Line line : logical) {
            Instruction instruction = parser.parse(line);
            if (instruction.keyword().equals("FROM")) {
                if (from != null) {
                    stages.add(stage(fileName, stages, from, body));
                }
                from = instruction;
                body = new ArrayList<>();
            } else if (from != null) {
                body.add(instruction);
            } else if (instruction.keyword().equals("ARG")) {
                metaArgs.add(instruction);
            } else {
                throw instruction.error(fileName, "comes before the first FROM; only ARG may");
            }
        }
        if (from == null) {
            throw new DockerfileException(fileName + ": no FROM instruction: a Dockerfile starts with FROM "
                    + "(an image, or scratch)");
        }
        stages.add(stage(fileName, stages, from, body));
        return new Dockerfile(fileName, lines.escape(), metaArgs, stages);
    }

    private static Stage stage(String fileName, List<Stage> earlier, Instruction from, List<Instruction> body) {
        String name = null;
        if (from.args().size() == 3) {
            name = from.args().get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw from.error(fileName, "invalid stage name \"" + from.args().get(2) + "\": it starts with a "
                        + "letter and has only letters, digits, '.', '_' and '-'");
            }
            for (Stage stage : earlier) {
                if (name.equals(stage.name())) {
                    throw from.error(fileName, "duplicate stage name \"" + name + "\" (line "
                            + stage.from().line() + " has it too)");
                }
            }
        }
        return new Stage(earlier.size(), name, from, body);
    }

    /**
     * The values of the ARGs before the first FROM: each one's
     * {@code --build-arg}, else its default (which may use the ARGs before
     * it); one with neither is not set.
     */
    public Map<String, String> metaArgValues(Map<String, String> buildArgs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Instruction arg : metaArgs) {
            for (String word : arg.args()) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word : word.substring(0, eq);
                if (buildArgs.containsKey(name)) {
                    values.put(name, buildArgs.get(name));
                } else if (eq >= 0) {
                    values.put(name, Substitution.expand(word.substring(eq + 1), values, escape));
                }
            }
        }
        return values;
    }

    /** What {@code stage} starts from, its FROM's variables expanded with {@code metaArgValues}. */
    public String base(Stage stage, Map<String, String> metaArgValues) {
        String base;
        try {
            base = Substitution.expand(stage.base(), metaArgValues, escape);
        } catch (DockerfileException e) {
            throw stage.from().error(fileName, e.getMessage());
        }
        if (base.isEmpty()) {
            throw stage.from().error(fileName, "\"" + stage.base() + "\" expands to nothing: "
                    + "give the ARG a default or pass --build-arg");
        }
        return base;
    }

    /**
     * The stages to build for {@code --target}: all of them up to the
     * target, or all when {@code target} is null.
     */
    public List<Stage> stagesUpTo(String target) {
        if (target == null) {
            return stages;
        }
        for (Stage stage : stages) {
            if (stage.name() != null && stage.name().equals(target.toLowerCase(Locale.ROOT))) {
                return stages.subList(0, stage.index() + 1);
            }
        }
        throw new DockerfileException(fileName + ": --target: no stage is named \"" + target + "\"");
    }

    /** The stage {@code ref} names (by name or index) among the first {@code before} stages, or null. */
    public Stage stageBefore(String ref, int before) {
        for (Stage stage : stages.subList(0, before)) {
            if (stage.isNamed(ref)) {
                return stage;
            }
        }
        return null;
    }

    /** How many steps a build up to {@code target} takes, as {@code Step N/M} counts them. */
    public int stepCount(String target) {
        int steps = metaArgs.size();
        for (Stage stage : stagesUpTo(target)) {
            steps += 1 + stage.instructions().size();
        }
        return steps;
    }
}
