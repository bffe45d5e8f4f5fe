package jocker.course.book.site;

import java.util.Arrays;
import java.util.List;
import jocker.course.book.Transcript;
import org.jsoup.nodes.Element;

/**
 * Marks up a console listing as a {@link Transcript}: the prompt, the
 * command's lines (continuation lines included) and the output each get a
 * span, so that the CSS can make the prompt unselectable and the copy button
 * can copy the commands alone.
 *
 * <pre>
 * &lt;span class="prompt"&gt;# &lt;/span&gt;&lt;span class="cmd"&gt;ls /&lt;/span&gt;
 * &lt;span class="out"&gt;bin
 * etc&lt;/span&gt;
 * </pre>
 *
 * The text of the marked-up block is exactly the text it had.
 */
final class ConsoleMarkup {

    private ConsoleMarkup() {
    }

    /**
     * Replaces the contents of {@code code} (the {@code <code>} of a console
     * listing) with the marked-up transcript.
     *
     * @throws IllegalArgumentException when the text is not a transcript
     *         (see {@link Transcript}); {@code code} is then unchanged
     */
    static void markUp(Element code) {
        String text = code.wholeText();
        List<String> lines = Arrays.asList(text.split("\n", -1));
        Transcript transcript = Transcript.parse(lines);
        code.empty();
        for (int s = 0; s < transcript.steps().size(); s++) {
            Transcript.Step step = transcript.steps().get(s);
            if (s > 0) {
                code.appendText("\n");
            }
            // A bare "#" line is a prompt with nothing typed after it.
            String prompt = lines.get(step.line()).equals("#") ? "#" : Transcript.PROMPT;
            code.appendElement("span").addClass("prompt").text(prompt);
            code.appendElement("span").addClass("cmd").text(step.command());
            if (!step.output().isEmpty()) {
                code.appendText("\n");
                code.appendElement("span").addClass("out").text(String.join("\n", step.output()));
            }
        }
    }
}
