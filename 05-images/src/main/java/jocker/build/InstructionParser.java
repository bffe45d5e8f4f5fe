package jocker.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one logical line into an {@link Instruction}: the keyword, the
 * {@code --flags}, and the arguments split as that instruction wants them
 * (the Dockerfile reference, one section per instruction). Nothing is
 * expanded here: variables depend on the build's state, which only the
 * builder knows.
 */
final class InstructionParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The flags each instruction accepts; any other is an error. */
    private static final Map<String, Set<String>> FLAGS = Map.of(
            "FROM", Set.of("platform"),
            "COPY", Set.of("from", "chown", "chmod"),
            "ADD", Set.of("chown", "chmod"));

    private final String fileName;
    private final char escape;

    InstructionParser(String fileName, char escape) {
        this.fileName = fileName;
        this.escape = escape;
    }

    Instruction parse(LogicalLines.Line line) {
        String text = line.text();
        int space = firstBlank(text);
        String keyword = text.substring(0, space).toUpperCase(Locale.ROOT);
        String rest = text.substring(space).strip();
        Map<String, String> flags = new LinkedHashMap<>();
        rest = readFlags(line.number(), keyword, rest, flags);
        List<String> json = jsonArray(rest);
        List<String> args = switch (keyword) {
            case "RUN", "CMD", "ENTRYPOINT" -> json != null ? json : one(rest);
            case "SHELL" -> {
                if (json == null || json.isEmpty()) {
                    throw error(line, keyword, "needs a JSON array, e.g. SHELL [\"/bin/sh\", \"-c\"]");
                }
                yield json;
            }
            case "COPY", "ADD" -> json != null ? json : Words.split(rest, escape);
            case "VOLUME" -> json != null ? json : Words.split(rest, escape);
            case "FROM", "EXPOSE", "ARG" -> Words.split(rest, escape);
            case "ENV", "LABEL" -> keyValues(line, keyword, rest);
            case "WORKDIR", "USER", "STOPSIGNAL", "MAINTAINER" -> one(rest);
            case "ONBUILD", "HEALTHCHECK" -> throw error(line, keyword, "not supported by jocker build; "
                    + "remove it (it changes nothing in the image the build makes)");
            default -> throw new DockerfileException(fileName + ":" + line.number() + ": unknown instruction: "
                    + text.substring(0, space));
        };
        Instruction instruction = new Instruction(line.number(), keyword, flags, args,
                json != null && !Set.of("FROM", "EXPOSE", "ARG", "ENV", "LABEL").contains(keyword), text);
        check(instruction);
        return instruction;
    }

    /** The argument counts the Dockerfile reference asks for. */
    private void check(Instruction i) {
        int n = i.args().size();
        switch (i.keyword()) {
            case "FROM" -> {
                if (n != 1 && !(n == 3 && i.args().get(1).equalsIgnoreCase("AS"))) {
                    throw i.error(fileName, "needs an image, optionally followed by AS and a stage name: "
                            + "FROM busybox AS base");
                }
                if (i.flag("platform") != null) {
                    throw i.error(fileName, "--platform is not supported: jocker builds for the host's platform "
                            + "(linux/amd64); remove the flag");
                }
            }
            case "COPY", "ADD" -> {
                if (n < 2) {
                    throw i.error(fileName, "needs a source and a destination");
                }
            }
            case "RUN", "WORKDIR", "USER", "STOPSIGNAL", "MAINTAINER", "EXPOSE", "VOLUME", "ENV", "LABEL", "ARG"
                    -> {
                if (n == 0 || !i.execForm() && i.args().get(0).isBlank()) {
                    throw i.error(fileName, "needs an argument");
                }
            }
            default -> {
                if (!i.execForm() && i.args().get(0).isBlank()) {
                    throw i.error(fileName, "needs an argument: a command, or [] in exec form");
                }
            }
        }
    }

    /** Reads {@code --name=value} words from the start of {@code rest} into {@code flags}; returns the rest. */
    private String readFlags(int line, String keyword, String rest, Map<String, String> flags) {
        while (rest.startsWith("--")) {
            int end = firstBlank(rest);
            String flag = rest.substring(2, end);
            rest = rest.substring(end).strip();
            int eq = flag.indexOf('=');
            String name = eq < 0 ? flag : flag.substring(0, eq);
            String value = eq < 0 ? "" : flag.substring(eq + 1);
            if (!FLAGS.getOrDefault(keyword, Set.of()).contains(name)) {
                throw DockerfileException.at(fileName, line, keyword, "unknown flag: --" + name
                        + (keyword.equals("RUN") ? " (RUN --mount, --network and --security need BuildKit)" : ""));
            }
            if (value.isEmpty()) {
                throw DockerfileException.at(fileName, line, keyword, "--" + name + " needs a value: --"
                        + name + "=VALUE");
            }
            flags.put(name, value);
        }
        return rest;
    }

    /** ENV and LABEL: {@code k=v k2="v 2"}, or the old {@code ENV name the rest of the line}. */
    private List<String> keyValues(LogicalLines.Line line, String keyword, String rest) {
        List<String> words = Words.split(rest, escape);
        if (words.isEmpty()) {
            return words;
        }
        if (!words.get(0).contains("=")) {
            int space = firstBlank(rest);
            String value = rest.substring(space).strip();
            if (value.isEmpty()) {
                throw error(line, keyword, "\"" + words.get(0) + "\" needs a value: " + keyword + " "
                        + words.get(0) + "=VALUE");
            }
            return List.of(rest.substring(0, space) + "=" + value);
        }
        for (String word : words) {
            if (word.indexOf('=') <= 0) {
                throw error(line, keyword, "\"" + word + "\" is not of the form NAME=VALUE");
            }
        }
        return words;
    }

    /** The strings of a JSON array, or null if {@code rest} is not one (then it is the shell form). */
    private static List<String> jsonArray(String rest) {
        if (!rest.startsWith("[")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(rest);
            if (node == null || !node.isArray()) {
                return null;
            }
            List<String> strings = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return null;
                }
                strings.add(element.textValue());
            }
            return strings;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static List<String> one(String rest) {
        return List.of(rest);
    }

    private static int firstBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return s.length();
    }

    private DockerfileException error(LogicalLines.Line line, String keyword, String message) {
        return DockerfileException.at(fileName, line.number(), keyword, message);
    }
}
