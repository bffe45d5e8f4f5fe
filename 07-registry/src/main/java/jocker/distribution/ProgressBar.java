package jocker.distribution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import jocker.course.Exercise;

/**
 * A layer's progress as the docker CLI draws it (moby's
 * {@code pkg/jsonmessage}, {@code JSONProgress.String}):
 *
 * <pre>
 * Downloading [=====================&gt;                             ]  1.081MB/2.509MB
 * </pre>
 *
 * A bar of 50 columns, one {@code =} per 2 %, a {@code >} at its head; then
 * the bytes so far, right-aligned in 8 columns, a slash and the total, both
 * in go-units' {@code HumanSize}: decimal units (1 kB is 1000 bytes), four
 * significant digits.
 */
public final class ProgressBar {

    /** The bar's width in columns, between the brackets, not counting the head. */
    public static final int WIDTH = 50;

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

    private ProgressBar() {
    }

    /** {@code status}, followed by its bar when there are counts ({@code current} or {@code total} above 0). */
    public static String line(String status, long current, long total) {
        String bar = bar(current, total);
        return bar.isEmpty() ? status : status + " " + bar;
    }

    // tag::bar[]
    /**
     * The bar and the counts: empty when neither count is above 0; only the
     * bytes so far (8 columns) when the total is unknown; only the bytes so
     * far after the bar when they exceed the total (a wonky count).
     */
    public static String bar(long current, long total) {
        // Exercise 7.7: percent = (int) ((double) current / total * 100) / 2, at most WIDTH;
        //   "[" + '=' × percent + ">" + ' ' × (WIDTH - percent) + "] " + %8s of humanSize(current)
        //   + "/" + humanSize(total); see the Javadoc for the cases without a total.
        return Exercise.todo("7.7", "percent = (int) ((double) current / total * 100) / 2, at most WIDTH; \"[\" + '=' × percent + \">\" + ' ' × (WIDTH - percent) + \"] \" + %8s of humanSize(current) + \"/\" + humanSize(total); see the Javadoc for the cases without a total.");
    }
    // end::bar[]

    /**
     * {@code 1.081MB}, {@code 512B}: go-units' {@code HumanSize}, Go's
     * {@code %.4g} of the size in the largest unit under which it stays
     * at or above 1 (trailing zeros dropped).
     */
    public static String humanSize(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < UNITS.length - 1) {
            size /= 1000;
            unit++;
        }
        BigDecimal rounded = new BigDecimal(size).round(new MathContext(4, RoundingMode.HALF_EVEN));
        String digits = rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
        return digits + UNITS[unit];
    }
}
