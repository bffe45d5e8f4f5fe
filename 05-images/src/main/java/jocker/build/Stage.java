package jocker.build;

import java.util.List;

/**
 * One build stage: a {@code FROM} and the instructions up to the next one.
 * A multi-stage Dockerfile's later stages copy from earlier ones with
 * {@code COPY --from=NAME} or {@code --from=INDEX}.
 *
 * @param index        its position, from 0
 * @param name         its {@code AS} name in lower case, or null
 * @param from         the FROM instruction
 * @param instructions what follows the FROM
 */
public record Stage(int index, String name, Instruction from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The base image as written, before ARGs are expanded: {@code busybox}, {@code scratch}, a stage's name. */
    public String base() {
        return from.args().get(0);
    }

    /** Whether {@code --from=ref} or {@code FROM ref} names this stage, by name or index. */
    public boolean isNamed(String ref) {
        return ref.equalsIgnoreCase(name) || ref.equals(Integer.toString(index));
    }
}
