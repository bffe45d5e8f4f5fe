package jocker.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an instruction's arguments into words at blanks outside quotes,
 * keeping the quotes and escapes for {@link Substitution} to remove later:
 * {@code a="hello world" b=2} is the two words {@code a="hello world"} and
 * {@code b=2} (BuildKit's {@code parseWords}).
 */
final class Words {

    private Words() {
    }

    static List<String> split(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            word.append(c);
            if (c == escape && quote != '\'' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
