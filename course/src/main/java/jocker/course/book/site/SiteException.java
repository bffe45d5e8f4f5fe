package jocker.course.book.site;

import java.util.List;

/** The site cannot be made, or a check of the made site failed: each problem is one line of the message. */
public final class SiteException extends RuntimeException {

    private final List<String> problems;

    public SiteException(String summary, List<String> problems) {
        super(summary + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
