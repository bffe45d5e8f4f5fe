package jocker.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jocker.images.LocalImages;
import picocli.CommandLine.Model.CommandSpec;

/** What chapter 5's image commands share: the store, and Docker's way of printing sizes, times and tables. */
final class ImageCli {

    /** Why the image commands need root, for {@link Jocker#requireRoot}. */
    static final String WHY_ROOT = "layers hold whiteouts (device nodes) and files of every owner, "
            + "which only root can make";

    private ImageCli() {
    }

    /**
     * The store of the state directory. The command may be {@code jocker X}
     * or {@code jocker image X}: the root command is Jocker either way.
     */
    static LocalImages images(CommandSpec spec) throws IOException {
        Jocker.requireRoot(WHY_ROOT);
        Jocker jocker = (Jocker) spec.root().userObject();
        jocker.images(); // sets up JNA, which a commit's freezer needs
        return new LocalImages(jocker.root());
    }

    /** Whether file descriptor {@code fd} of this process is a terminal (save refuses to write a tar to one). */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException e) {
            return false;
        }
    }

    // tag::human[]
    /** {@code 2 minutes}, {@code About an hour}: Docker's go-units HumanDuration, to which Docker adds " ago". */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toMillis() / 3_600_000.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return (long) (d.toMillis() / 3_600_000.0 / 24 / 365) + " years";
    }

    /** {@code 4.26MB}: Docker's HumanSizeWithPrecision(size, 3), decimal units, three significant digits. */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < units.length - 1) {
            size /= 1000;
            unit++;
        }
        BigDecimal rounded = new BigDecimal(size).round(new MathContext(3)).stripTrailingZeros();
        return rounded.toPlainString() + units[unit];
    }
    // end::human[]

    /**
     * A table as Docker's tabwriter prints it (minimum width 10, padding 3):
     * each column as wide as its widest cell plus three, the last unpadded.
     */
    static void printTable(List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], Math.max(10, row[c].length() + 3));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c < columns - 1 ? String.format("%-" + widths[c] + "s", row[c]) : row[c]);
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    static List<String[]> table(String... header) {
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        return rows;
    }
}
