package jocker.course.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares what a command printed with what the book shows, strictly except
 * where a run cannot repeat itself: IDs, times, sizes, namespace numbers.
 *
 * <p>Both sides go through the same {@link #NORMALISERS}, which replace such
 * a value with its kind ({@code 69a24b71d858} becomes {@code <id12>}), and
 * runs of blanks become one space (a table's columns move with the width of
 * their values). Then they must be equal line by line, except that
 * <ul>
 *   <li>a book line {@code ...} matches any number of lines (none too);</li>
 *   <li>a book line that ends in {@code " ..."} matches any line that starts
 *       with the text before it.</li>
 * </ul>
 */
public final class OutputMatcher {

    /** One kind of value that differs from run to run, and what it becomes. */
    public record Normaliser(String what, Pattern pattern, String replacement) {
        String apply(String line) {
            return pattern.matcher(line).replaceAll(replacement);
        }
    }

    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";

    /** In order: longer IDs before shorter ones, dates before the numbers in them. */
    public static final List<Normaliser> NORMALISERS = List.of(
            n("a mountinfo line's IDs and optional fields", "^\\d+ \\d+ \\d+:\\d+ (\\S+ \\S+ \\S+)(?: [a-z_]+(?::\\d+)?)* - ", "<mount> $1 - "),
            n("a 64-hex ID or digest", "\\b[0-9a-f]{64}\\b", "<id64>"),
            n("a 12-hex short ID", "\\b[0-9a-f]{12}\\b", "<id12>"),
            n("an overlay layer link (l/YM8NK8OGK4)", "\\bl/[0-9A-Z]{10}\\b", "l/<link>"),
            n("a namespace inode number (4026532181)", "\\b40265\\d{5}\\b", "<ns>"),
            n("lsns's NPROCS and PID columns", "^(<ns>) +([a-z]+) +\\d+ +\\d+ ", "$1 $2 <n> <pid> "),
            n("an ISO-8601 instant (2026-11-27T18:28:05.906Z)", "\\b\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z", "<instant>"),
            n("date(1) (Fri Nov 27 17:56:31 UTC 2026)", "\\b" + DAY + " " + MONTH + " [ \\d]\\d \\d\\d:\\d\\d:\\d\\d [A-Z]{3,4} \\d{4}\\b", "<date>"),
            n("ls -l's time (Nov 27 18:01)", "\\b" + MONTH + " +\\d{1,2} +(?:\\d\\d:\\d\\d|\\d{4})\\b", "<mtime>"),
            n("tar tv's time (2026-11-27 19:29)", "\\b\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\b", "<tartime>"),
            n("an age (5 seconds ago, Up 4 seconds, About a minute ago, 2 years ago)",
                    "\\b(?:(?:About )?(?:\\d+|an?)|Less than a) (?:second|minute|hour|day|week|month|year)s?\\b",
                    "<age>"),
            n("NSpid's host PID (NSpid:\t10868\t1)", "^NSpid:\\s+\\d+", "NSpid: <pid>"),
            n("a PID other than 1 in ps's first column", "^ *(?:[2-9]|[1-9]\\d+)(?= +(?:root|\\d+|[DRSTZI]\\S*) )", "<pid>"),
            n("a kernel log record's header (6,2017,1506941853,-;)", "^\\d+,\\d+,\\d+,[-+c];", "<kmsg>;"),
            n("overlayfs's origin attribute (a file handle)", "^trusted\\.overlay\\.origin=0s[A-Za-z0-9+/=]+$", "trusted.overlay.origin=<handle>"),
            n("an IPC key in ipcs (0x54267205)", "^0x[0-9a-f]{8} ", "<key> "),
            n("bash's line number in an error (bash: line 79: echo: ...)", "^bash: line \\d+: ", "bash: "),
            n("a foreground job killed by a signal, as bash reports it", "^(?:bash: +)?\\d+ +(Killed|Terminated)(?:\\s.*)?$", "$1"),
            n("a background job's end, as bash reports it ([1]+  Terminated  sleep 1000)", "^\\[\\d+\\][+-]? +(Killed|Terminated|Done)\\s.*$", "$1"),
            n("bash's time (real 0m0.933s)", "^(real|user|sys)\\s+\\d+m\\d+\\.\\d+s$", "$1 <time>"),
            n("a size (536.00KiB, 2.4MB)", "\\b\\d+(?:\\.\\d+)?(?:B|KiB|MiB|GiB|TiB|kB|MB|GB)\\b", "<size>"),
            n("a percentage with decimals (50.33%)", "\\b\\d+\\.\\d+%", "<percent>"),
            n("du -h's size (2.0M)", "^\\d+(?:\\.\\d+)?[KMG]\\t", "<size>\t"));

    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");

    private OutputMatcher() {
    }

    private static Normaliser n(String what, String regex, String replacement) {
        return new Normaliser(what, Pattern.compile(regex), replacement);
    }

    /** The line with every varying value replaced by its kind, and blanks squeezed. */
    public static String normalise(String line) {
        String s = line;
        for (Normaliser n : NORMALISERS) {
            s = n.apply(s);
        }
        return BLANKS.matcher(s).replaceAll(" ").strip();
    }

    /** Whether {@code actual} is what {@code expected} (the book's text) shows. */
    public static boolean matches(List<String> expected, List<String> actual) {
        List<String> e = expected.stream().map(OutputMatcher::normalise).toList();
        List<String> a = actual.stream().map(OutputMatcher::normalise).toList();
        return matches(e, 0, a, 0);
    }

    /** Empty if they match, else a diff: the book's lines ("-") against the run's ("+"). */
    public static Optional<String> mismatch(List<String> expected, List<String> actual) {
        if (matches(expected, actual)) {
            return Optional.empty();
        }
        return Optional.of(diff(expected, actual));
    }

    private static boolean matches(List<String> e, int i, List<String> a, int j) {
        while (i < e.size()) {
            String want = e.get(i);
            if (want.equals("...")) {
                for (int k = j; k <= a.size(); k++) {
                    if (matches(e, i + 1, a, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j >= a.size() || !lineMatches(want, a.get(j))) {
                return false;
            }
            i++;
            j++;
        }
        return j == a.size();
    }

    private static boolean lineMatches(String want, String got) {
        if (want.endsWith(" ...")) {
            return got.startsWith(want.substring(0, want.length() - 4));
        }
        return want.equals(got);
    }

    /** A line diff of the raw lines, matched on their normalised forms (longest common subsequence). */
    static String diff(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = same(expected.get(i), actual.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && same(expected.get(i), actual.get(j))) {
                out.add("  " + actual.get(j));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add("+ " + actual.get(j++));
            } else {
                out.add("- " + expected.get(i++));
            }
        }
        return String.join("\n", out);
    }

    private static boolean same(String expected, String actual) {
        String e = normalise(expected);
        return e.equals("...") || lineMatches(e, normalise(actual));
    }
}
