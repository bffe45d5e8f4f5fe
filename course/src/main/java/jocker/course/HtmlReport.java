package jocker.course;

/**
 * Renders the grade as one self-contained HTML page (no scripts, no external
 * files): a summary, then a table per chapter with every graded test.
 */
final class HtmlReport {

    private static final String STYLE = """
            body { font: 15px/1.45 system-ui, sans-serif; color: #222; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
            h1 { font-size: 1.6rem; margin-bottom: .2rem; }
            h2 { font-size: 1.2rem; margin-top: 2rem; }
            .sub { color: #666; margin-top: 0; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid #ddd; }
            th { background: #f4f4f4; font-weight: 600; }
            td.num { white-space: nowrap; text-align: right; }
            .test small { color: #777; font-family: ui-monospace, monospace; }
            .msg { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 13px; color: #444; }
            .badge { display: inline-block; padding: .05rem .5rem; border-radius: .7rem; font-size: 13px; font-weight: 600; }
            .passed { background: #dff3e0; color: #1b6b22; }
            .failed { background: #fbe0e0; color: #a3191b; }
            .skipped { background: #fff1cc; color: #7a5a00; }
            .notrun { background: #eee; color: #555; }
            """;

    private HtmlReport() {
    }

    static String render(GradeReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Jocker grade: ").append(report.earned()).append('/').append(report.possible())
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>Score: ").append(report.earned()).append('/').append(report.possible()).append("</h1>\n")
                .append("<p class=\"sub\">Graded: ").append(escape(report.target()))
                .append(report.fullMarks() ? " &middot; full marks" : "").append("</p>\n");
        for (ChapterReport chapter : report.chapters()) {
            chapter(html, chapter);
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void chapter(StringBuilder html, ChapterReport chapter) {
        html.append("<h2>").append(escape(chapter.chapter())).append(": ");
        if (!chapter.ran()) {
            html.append("<span class=\"badge notrun\">not run</span></h2>\n<p>")
                    .append(escape(chapter.problem())).append("</p>\n");
            return;
        }
        html.append(chapter.earned()).append('/').append(chapter.possible()).append("</h2>\n")
                .append("<p class=\"sub\">").append(chapter.passed()).append(" passed, ")
                .append(chapter.failed()).append(" failed, ").append(chapter.skipped()).append(" skipped</p>\n")
                .append("<table>\n<tr><th>Exercise</th><th>Test</th><th>Points</th><th>Result</th>")
                .append("<th>Message</th></tr>\n");
        for (TestResult test : chapter.tests()) {
            String status = test.status().label();
            html.append("<tr><td>").append(escape(test.exercise())).append("</td>")
                    .append("<td class=\"test\">").append(escape(test.displayName()))
                    .append("<br><small>").append(escape(test.testClass() + "." + test.method())).append("</small></td>")
                    .append("<td class=\"num\">").append(test.earned()).append('/').append(test.points()).append("</td>")
                    .append("<td><span class=\"badge ").append(status).append("\">").append(status).append("</span></td>")
                    .append("<td class=\"msg\">").append(escape(Messages.readable(test.message()))).append("</td></tr>\n");
        }
        for (UngradedSkip skip : chapter.ungradedSkips()) {
            html.append("<tr><td>&ndash;</td><td class=\"test\">").append(escape(skip.displayName()))
                    .append("<br><small>").append(escape(skip.testClass()
                            + (skip.method() == null ? "" : "." + skip.method()))).append("</small></td>")
                    .append("<td class=\"num\">not graded</td>")
                    .append("<td><span class=\"badge skipped\">skipped</span></td>")
                    .append("<td class=\"msg\">").append(escape(skip.reason())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
