package jocker.build;

import java.util.Map;
import jocker.course.Exercise;

/**
 * Expands {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}} and
 * {@code ${VAR:+word}} in one word of a Dockerfile instruction and removes
 * its quotes, as Docker's builder does before it runs an instruction
 * ({@code shell/lex.go} in moby/buildkit, the Dockerfile reference's
 * "Environment replacement").
 *
 * <p>The builder expands the arguments of ADD, COPY, ENV, EXPOSE, FROM,
 * LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR and ARG; never those of RUN, CMD
 * and ENTRYPOINT, whose shell form the container's shell expands when it
 * runs.
 *
 * <ul>
 * <li>{@code 'single quotes'} keep everything literally;
 * <li>{@code "double quotes"} expand variables, and the escape character
 * there escapes only {@code "}, {@code $} and itself;
 * <li>the escape character ({@code \} unless the {@code escape} directive
 * says otherwise) makes the next character literal: {@code \$HOME} is
 * {@code $HOME};
 * <li>a variable that is not set expands to nothing.
 * </ul>
 */
public final class Substitution {

    private final char escape;
    private final Map<String, String> env;
    private final String word;
    private int pos;

    private Substitution(String word, Map<String, String> env, char escape) {
        this.word = word;
        this.env = env;
        this.escape = escape;
    }

    /** {@code word} with its variables from {@code env} expanded and its quotes removed; the escape is {@code \}. */
    public static String expand(String word, Map<String, String> env) {
        return expand(word, env, '\\');
    }

    /** {@code word} with its variables from {@code env} expanded and its quotes removed. */
    public static String expand(String word, Map<String, String> env, char escape) {
        Substitution lexer = new Substitution(word, env, escape);
        return lexer.until('\0');
    }

    /** Reads and expands up to {@code stop} (consumed) or the end ({@code '\0'}). */
    private String until(char stop) {
        StringBuilder out = new StringBuilder();
        while (pos < word.length()) {
            char c = word.charAt(pos);
            if (stop != '\0' && c == stop) {
                pos++;
                return out.toString();
            }
            pos++;
            if (c == '\'') {
                out.append(singleQuoted());
            } else if (c == '"') {
                out.append(doubleQuoted());
            } else if (c == '$') {
                out.append(dollar());
            } else if (c == escape) {
                if (pos < word.length()) {
                    out.append(word.charAt(pos++));
                }
            } else {
                out.append(c);
            }
        }
        if (stop != '\0') {
            throw new DockerfileException("missing '" + stop + "' in \"" + word + "\"");
        }
        return out.toString();
    }

    private String singleQuoted() {
        int end = word.indexOf('\'', pos);
        if (end < 0) {
            throw new DockerfileException("unexpected end of text: missing ' in \"" + word + "\"");
        }
        String literal = word.substring(pos, end);
        pos = end + 1;
        return literal;
    }

    private String doubleQuoted() {
        StringBuilder out = new StringBuilder();
        while (pos < word.length()) {
            char c = word.charAt(pos++);
            if (c == '"') {
                return out.toString();
            } else if (c == '$') {
                out.append(dollar());
            } else if (c == escape && pos < word.length()
                    && (word.charAt(pos) == '"' || word.charAt(pos) == '$' || word.charAt(pos) == escape)) {
                out.append(word.charAt(pos++));
            } else {
                out.append(c);
            }
        }
        throw new DockerfileException("unexpected end of text: missing \" in \"" + word + "\"");
    }

    // tag::dollar[]
    /**
     * What a {@code $} (already read) expands to: {@code $NAME}, {@code ${NAME}},
     * {@code ${NAME:-w}}, …
     */
    private String dollar() {
        // Exercise 5.7: after '$' comes a name (letters, digits, '_': readName()), or
        //   '{' NAME '}', or '{' NAME ':-' WORD '}' (WORD if NAME is unset or empty) or
        //   '{' NAME ':+' WORD '}' (WORD if it is set and not empty, else nothing); read WORD with
        //   until('}'), which expands it too. An unset name is "", a '$' followed by anything else
        //   stays a '$'.
        return Exercise.todo("5.7", "after '$' comes a name (letters, digits, '_': readName()), or '{' NAME '}', or '{' NAME ':-' WORD '}' (WORD if NAME is unset or empty) or '{' NAME ':+' WORD '}' (WORD if it is set and not empty, else nothing); read WORD with until('}'), which expands it too. An unset name is \"\", a '$' followed by anything else stays a '$'.");
    }
    // end::dollar[]

    /** Reads a variable name: letters, digits and underscores (possibly none). */
    private String readName() {
        int start = pos;
        while (pos < word.length() && (Character.isLetterOrDigit(word.charAt(pos)) || word.charAt(pos) == '_')) {
            pos++;
        }
        return word.substring(start, pos);
    }
}
