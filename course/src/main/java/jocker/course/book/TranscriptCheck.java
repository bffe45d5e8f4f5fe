package jocker.course.book;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The transcript check: runs the book's console transcripts and fails when
 * one no longer shows what its commands print.
 *
 * <pre>
 * java -cp ... jocker.course.book.TranscriptCheck &lt;repository root&gt; chapters/ch01-chroot.adoc ...
 * </pre>
 *
 * <p>Each file gets one bash session, as root, in which the commands of its
 * transcripts ({@link ConsoleBlock#checked() checked} ones, hidden ones too)
 * run in the order of the text, as a reader would type them: the working
 * directory, shell variables and containers carry from block to block. The
 * session starts in the repository root, in a mount namespace of its own
 * ({@code unshare -m --propagation private}) where {@code /var/lib/jocker}
 * and {@code /tmp} are fresh empty directories, so that the book's paths
 * stay true and the machine's own Jocker state and {@code /tmp} are not
 * touched. A command reads the session's own input, as typed lines do: a
 * nested shell ({@code unshare -m sh}) reads the commands that follow, up to
 * its {@code exit}.
 *
 * <p>{@code ./mvnw} commands are not run: the build has done them. One that
 * shows output belongs in a {@code role=grade} block, which another check
 * compares. Every output is compared with {@link OutputMatcher}; a mismatch
 * is reported with file:line, the command and a diff, and the check goes on
 * with the next command. At the end (also after a failure) every container
 * of the session is removed, the session's processes killed and the
 * temporary directory removed. Exit status 1 if anything failed.
 */
public final class TranscriptCheck {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern SHELL = Pattern.compile("(?:^|\\s)(?:sh|bash)$");
    private static final Pattern EXIT = Pattern.compile("(?:^|[;&|]\\s*)exit(?:\\s+\\d+)?\\s*$");

    private final Path root;
    private final List<String> failures = new ArrayList<>();
    private int checked;
    private int recorded;
    private int grade;
    private int hidden;
    private int commands;

    private TranscriptCheck(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TranscriptCheck <repository root> <file.adoc>...");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        if (!"root".equals(System.getProperty("user.name"))) {
            System.out.println("Transcripts: not checked: the book's commands run as root, and this is "
                    + System.getProperty("user.name"));
            return;
        }
        TranscriptCheck check = new TranscriptCheck(root);
        long start = System.nanoTime();
        for (int i = 1; i < args.length; i++) {
            check.file(root.resolve(args[i]));
        }
        long seconds = Math.round((System.nanoTime() - start) / 1e9);
        System.out.printf("Transcripts: %d blocks checked (%d hidden), %d commands run, %d recorded, %d grade; %d s%n",
                check.checked, check.hidden, check.commands, check.recorded, check.grade, seconds);
        if (!check.failures.isEmpty()) {
            System.out.println();
            System.out.println(check.failures.size() + " transcript(s) do not match what their commands print:");
            for (String failure : check.failures) {
                System.out.println();
                System.out.println(failure);
            }
            System.exit(1);
        }
    }

    private void file(Path file) throws Exception {
        Path shown = root.relativize(file);
        List<ConsoleBlock> blocks;
        try {
            blocks = ConsoleBlock.parse(shown, Files.readAllLines(file));
        } catch (IllegalArgumentException e) {
            failures.add(e.getMessage());
            return;
        }
        List<Run> runs = new ArrayList<>();
        for (ConsoleBlock block : blocks) {
            Transcript transcript;
            try {
                transcript = block.transcript();
            } catch (IllegalArgumentException e) {
                failures.add(e.getMessage());
                continue;
            }
            switch (block.role()) {
                case ConsoleBlock.RECORDED -> {
                    recorded++;
                    if (!block.title().toLowerCase().contains("recorded with")) {
                        failures.add(block.where() + ": a role=recorded transcript needs a title that says what it was"
                                + " recorded with (.Recorded with runc 1.1.5)");
                    }
                }
                case ConsoleBlock.GRADE -> grade++;
                case "", ConsoleBlock.HIDDEN -> {
                    checked++;
                    if (block.role().equals(ConsoleBlock.HIDDEN)) {
                        hidden++;
                    }
                    for (Transcript.Step step : transcript.steps()) {
                        if (step.command().startsWith("./mvnw")) {
                            if (!step.output().isEmpty()) {
                                failures.add(block.where(step) + ": a ./mvnw command with output belongs in a"
                                        + " [source,console,role=grade] block: " + step.command());
                            }
                            continue;
                        }
                        runs.add(new Run(block, step));
                    }
                }
                default -> failures.add(block.where() + ": unknown role " + block.role()
                        + " (a console block is checked, role=recorded or role=grade)");
            }
        }
        if (runs.isEmpty()) {
            return;
        }
        System.out.println("Transcripts: " + shown + ": " + runs.size() + " commands");
        try (Session session = new Session(root)) {
            for (Run run : runs) {
                commands++;
                long began = System.nanoTime();
                List<String> output = session.run(run.step.command(), isExit(run.step.command()));
                long took = (System.nanoTime() - began) / 1_000_000;
                if (took > 5000) {
                    System.out.printf("Transcripts: %s: %.1f s: %s%n", run.block.where(run.step), took / 1000.0,
                            run.step.commandLines().get(0));
                }
                Optional<String> diff = OutputMatcher.mismatch(run.step.output(), output);
                if (diff.isPresent()) {
                    failures.add(run.block.where(run.step) + ": the output differs from the book's (- book, + run)\n"
                            + "# " + run.step.command() + "\n" + diff.get());
                }
            }
        } catch (SessionException e) {
            failures.add(shown + ": " + e.getMessage());
        }
    }

    /**
     * Whether the command starts a shell that reads the commands typed after
     * it ({@code unshare -m sh}): only such a command reads the session's
     * input, every other one reads {@code /dev/null}.
     */
    static boolean readsInput(String command) {
        return SHELL.matcher(command).find();
    }

    static boolean isExit(String command) {
        return EXIT.matcher(command).find();
    }

    private record Run(ConsoleBlock block, Transcript.Step step) {
    }

    static final class SessionException extends Exception {
        SessionException(String message) {
            super(message);
        }
    }

    /**
     * A root bash in a mount namespace of its own, fed one command at a time
     * on its standard input; after each command it prints a marker line, up
     * to which the output belongs to that command.
     */
    static final class Session implements AutoCloseable {
        private static final String MARKER = "@@transcript-step-";

        private final Path root;
        private final Path temp;
        private final Process bash;
        private final OutputStream input;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private int step;

        Session(Path root) throws IOException, SessionException {
            this.root = root;
            this.temp = Files.createTempDirectory("jocker-transcripts-");
            Files.createDirectories(temp.resolve("state"));
            Files.createDirectories(temp.resolve("tmp"));
            Files.setPosixFilePermissions(temp.resolve("tmp"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.createDirectories(Path.of("/var/lib/jocker"));
            ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "--propagation", "private",
                    "bash", "--norc", "--noprofile");
            pb.directory(root.toFile());
            pb.redirectErrorStream(true);
            pb.environment().remove("JOCKER_ROOT");
            pb.environment().put("LC_ALL", "C.UTF-8");
            pb.environment().put("TZ", "UTC");
            pb.environment().put("TERM", "dumb");
            pb.environment().put("TRANSCRIPT_ROOT", root.toString());
            bash = pb.start();
            input = bash.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the session ended
                }
                lines.add(MARKER + "eof");
            }, "transcript-session");
            reader.setDaemon(true);
            reader.start();
            List<String> setup;
            try {
                setup = run("chmod 1777 " + temp.resolve("tmp")
                    + " && mount --bind " + temp.resolve("state") + " /var/lib/jocker"
                    // A repository under /tmp (a CI clone, say) would vanish under the fresh /tmp: bind it back in.
                    + (repositoryInTmp() == null ? "" : " && mkdir -p " + quote(repositoryInTmp().toString())
                        + " && mount --bind " + quote(root.toString()) + " " + quote(repositoryInTmp().toString()))
                    + " && mount --rbind " + temp.resolve("tmp") + " /tmp"
                    // Shared, as on a systemd host, within this namespace only: what the book's propagation examples show.
                    + " && mount --make-rshared /"
                    // Job control, as in a terminal: bash reports "[1]+  Terminated  sleep 1000".
                    + " && set -m"
                    + " && cd " + quote(root.toString()) + " || echo 'the session could not be set up'", false);
            } catch (IOException | SessionException e) {
                close();
                throw e;
            }
            if (!setup.isEmpty()) {
                close();
                throw new SessionException("could not start the session: " + String.join("\n", setup));
            }
        }

        /** Runs one command and returns what it printed, standard output and error together. */
        List<String> run(String command, boolean exits) throws IOException, SessionException {
            int n = ++step;
            String marker = "__transcript_rc=$?; printf '\\n%s\\n' '" + MARKER + n + "'; (exit $__transcript_rc)\n";
            write((readsInput(command) ? command : "{ " + command + "\n} </dev/null") + "\n" + marker);
            List<String> output = new ArrayList<>();
            long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
            long resend = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (true) {
                String line;
                try {
                    line = lines.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SessionException("interrupted");
                }
                if (line == null) {
                    long now = System.nanoTime();
                    if (now > deadline) {
                        throw new SessionException("no end of the command after " + STEP_TIMEOUT.toSeconds()
                                + " s (does it wait for input?): " + command + "\nits output so far:\n"
                                + String.join("\n", output));
                    }
                    if (exits && now > resend) {
                        // A nested shell that read its exit may have read the marker with it: send it again.
                        write(marker);
                        resend = now + TimeUnit.SECONDS.toNanos(2);
                    }
                    continue;
                }
                int at = line.indexOf(MARKER);
                if (at < 0) {
                    output.add(line);
                    continue;
                }
                String which = line.substring(at + MARKER.length());
                if (which.equals("eof")) {
                    throw new SessionException("the session's shell ended during: " + command + "\nits output:\n"
                            + String.join("\n", output));
                }
                if (at > 0) {
                    output.add(line.substring(0, at));
                }
                if (!which.equals(String.valueOf(n))) {
                    // A marker sent again for an earlier command, printed after it: drop it and its blank line.
                    if (!output.isEmpty() && output.get(output.size() - 1).isEmpty()) {
                        output.remove(output.size() - 1);
                    }
                    continue;
                }
                if (!output.isEmpty() && output.get(output.size() - 1).isEmpty()) {
                    output.remove(output.size() - 1); // the marker's own newline
                }
                return output;
            }
        }

        private void write(String text) throws IOException {
            input.write(text.getBytes(StandardCharsets.UTF_8));
            input.flush();
        }

        /** Removes the session's containers, ends its processes and removes its directory. */
        @Override
        public void close() throws IOException {
            try {
                if (bash.isAlive()) {
                    // Whatever shell is reading now (a nested one too) removes the containers and exits.
                    // One at a time: rm removes none if one is unknown. Then it kills what is left in a
                    // container's directory: chapter 1's containers have no state for rm to find.
                    write("cd " + quote(root.toString()) + " && ids=$(ls /var/lib/jocker/containers 2>/dev/null)"
                            + "; for id in $ids; do ./jocker rm -f $id >/dev/null 2>&1; done\n"
                            + "for id in $ids; do for p in /proc/[0-9]*; do case $(readlink $p/root 2>/dev/null) in"
                            + " /var/lib/jocker/containers/$id/*) kill -9 ${p#/proc/} 2>/dev/null;; esac; done; done\n"
                            + "exit\n");
                    input.close();
                }
            } catch (IOException e) {
                // it ended already
            }
            try {
                if (!bash.waitFor(60, TimeUnit.SECONDS)) {
                    System.out.println("Transcripts: the session did not end: killing it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
            leftovers();
            Path placeholder = repositoryInTmp();
            try {
                // The repository's mount point in the fresh /tmp must be an empty directory by now (the mount
                // went with the namespace): remove it alone first, so that rm -rf could never reach the repository.
                if (placeholder != null) {
                    Files.deleteIfExists(placeholder);
                }
            } catch (IOException e) {
                System.out.println("Transcripts: " + placeholder + " is not empty (" + e + "): leaving " + temp + " in place");
                return;
            }
            try {
                new ProcessBuilder("rm", "-rf", "--one-file-system", temp.toString()).inheritIO().start().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Where the repository's mount point goes in the fresh /tmp, when the repository is under /tmp; else null. */
        private Path repositoryInTmp() {
            Path tmp = Path.of("/tmp");
            Path real = root.toAbsolutePath().normalize();
            return real.startsWith(tmp) && !real.equals(tmp) ? temp.resolve("tmp").resolve(tmp.relativize(real)) : null;
        }

        /** Kills the processes of containers that the session's rm did not remove. */
        private void leftovers() throws IOException {
            Path containers = temp.resolve("state/containers");
            if (!Files.isDirectory(containers)) {
                return;
            }
            try (var ids = Files.list(containers)) {
                for (Path dir : ids.filter(Files::isDirectory).toList()) {
                    System.out.println("Transcripts: container " + dir.getFileName() + " was left behind: killing it");
                    Path state = dir.resolve("state.json");
                    if (Files.exists(state)) {
                        var m = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)").matcher(Files.readString(state));
                        if (m.find()) {
                            ProcessHandle.of(Long.parseLong(m.group(1))).ifPresent(p -> {
                                p.descendants().forEach(ProcessHandle::destroyForcibly);
                                p.destroyForcibly();
                            });
                        }
                    }
                }
            }
        }

        private static String quote(String s) {
            return "'" + s.replace("'", "'\\''") + "'";
        }
    }
}
