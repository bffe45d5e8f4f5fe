package jocker.course.grading;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The students' hand-ins, in a folder with one entry per student:
 *
 * <pre>
 * submissions/
 * ├── alice/                      a folder holding the student's workspaces
 * │   ├── 01-chroot/src/main/java/...
 * │   └── 02-namespaces/src/main/java/...
 * ├── bob.zip                     or an archive of them: .zip, .tar.gz, .tgz, .tar
 * └── carol/jocker/01-chroot/...  the workspaces may sit one folder down (a clone, an unpacked archive)
 * </pre>
 *
 * <p>Only each chapter's {@code src/main/java} is taken, and of it only
 * regular files: tests, build files, resources and links are the course's
 * business, not the student's.
 */
final class Submissions {

    /** What one student handed in: chapter to its {@code src/main/java}. */
    record Submission(String student, Map<String, Path> chapters, List<String> notes) {
    }

    /** A student's name goes into file names and CSV cells: keep it plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]*");

    /** An archive's unpacked sources stop here: a hand-in is a few hundred kilobytes of Java. */
    static final long MAX_UNPACKED = 256L << 20;

    private Submissions() {
    }

    /**
     * Finds the submissions in {@code dir}, unpacking archives below {@code unpackDir}.
     *
     * @param chapters the course's chapters, e.g. {@code 01-chroot}
     */
    static List<Submission> find(Path dir, List<String> chapters, Path unpackDir) throws IOException {
        Map<String, Submission> found = new TreeMap<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String file = entry.getFileName().toString();
            String student = studentName(file, Files.isDirectory(entry));
            if (student == null || file.startsWith(".")) {
                continue;
            }
            if (!NAME.matcher(student).matches()) {
                throw new IOException(entry + ": a student's name must be letters, digits and . _ @ + -"
                        + " (it names the student's row and files); rename it");
            }
            if (found.containsKey(student)) {
                throw new IOException(entry + ": a second hand-in of " + student + "; keep one");
            }
            List<String> notes = new ArrayList<>();
            Path root = entry;
            if (!Files.isDirectory(entry)) {
                root = unpackDir.resolve(student);
                unpack(entry, root, notes);
            }
            found.put(student, new Submission(student, workspaces(root, chapters, notes), notes));
        }
        return List.copyOf(found.values());
    }

    /** The student's name for a folder or an archive; null for a file that is neither. */
    static String studentName(String file, boolean directory) {
        if (directory) {
            return file;
        }
        String lower = file.toLowerCase(Locale.ROOT);
        for (String suffix : List.of(".tar.gz", ".tgz", ".zip", ".tar")) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return file.substring(0, file.length() - suffix.length());
            }
        }
        return null;
    }

    /** The chapters' {@code src/main/java} folders in a hand-in, at its top or one folder down. */
    private static Map<String, Path> workspaces(Path root, List<String> chapters, List<String> notes)
            throws IOException {
        Map<String, Path> found = at(root, chapters);
        if (found.isEmpty() && Files.isDirectory(root)) {
            try (Stream<Path> list = Files.list(root)) {
                for (Path sub : list.filter(Files::isDirectory).sorted().toList()) {
                    found = at(sub, chapters);
                    if (!found.isEmpty()) {
                        break;
                    }
                }
            }
        }
        if (found.isEmpty()) {
            notes.add("no chapter workspace found (expected e.g. " + chapters.get(0) + "/src/main/java)");
        }
        return found;
    }

    private static Map<String, Path> at(Path dir, List<String> chapters) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (String chapter : chapters) {
            Path java = dir.resolve(chapter).resolve("src/main/java");
            if (Files.isDirectory(java)) {
                found.put(chapter, java);
            }
        }
        return found;
    }

    /** Unpacks the regular files under some {@code src/main/java/} of an archive; nothing else. */
    static void unpack(Path archive, Path into, List<String> notes) throws IOException {
        Files.createDirectories(into);
        String lower = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        long total = 0;
        int leftOut = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            if (lower.endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(raw)) {
                    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                        if (entry.isDirectory()) {
                            continue;
                        }
                        Path target = target(into, entry.getName());
                        if (target == null) {
                            leftOut++;
                            continue;
                        }
                        total += write(zip, target, MAX_UNPACKED - total, archive);
                    }
                }
            } else {
                InputStream in = lower.endsWith(".tar") ? raw : new GZIPInputStream(raw);
                try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        if (entry.isDirectory()) {
                            continue;
                        }
                        Path target = entry.isFile() ? target(into, entry.getName()) : null;
                        if (target == null) {
                            leftOut++;
                            continue;
                        }
                        total += write(tar, target, MAX_UNPACKED - total, archive);
                    }
                }
            }
        }
        if (leftOut > 0) {
            notes.add(leftOut + " entries of " + archive.getFileName()
                    + " left out: only regular files under src/main/java are taken");
        }
    }

    /**
     * Where an entry goes, or null when it is not under a {@code src/main/java/}
     * or its name would leave {@code into} (an absolute name, a "..").
     */
    static Path target(Path into, String name) {
        String clean = name.replace('\\', '/');
        if (clean.startsWith("/") || !clean.contains("src/main/java/")) {
            return null;
        }
        for (String part : clean.split("/")) {
            if (part.equals("..")) {
                return null;
            }
        }
        Path target = into.resolve(clean).normalize();
        return target.startsWith(into) ? target : null;
    }

    private static long write(InputStream in, Path target, long room, Path archive) throws IOException {
        Files.createDirectories(target.getParent());
        long size = Files.copy(new Limited(in, room + 1), target, StandardCopyOption.REPLACE_EXISTING);
        if (size > room) {
            throw new IOException(archive + ": its sources unpack to more than " + (MAX_UNPACKED >> 20)
                    + " MiB; a hand-in is Java sources only");
        }
        return size;
    }

    /** Reads at most {@code max} bytes of a stream, without closing it. */
    private static final class Limited extends InputStream {
        private final InputStream in;
        private long left;

        Limited(InputStream in, long max) {
            this.in = in;
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
