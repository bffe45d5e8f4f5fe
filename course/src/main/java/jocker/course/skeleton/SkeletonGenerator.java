package jocker.course.skeleton;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Derives a chapter's student skeleton from its reference code, and checks it.
 *
 * <pre>
 * java jocker.course.skeleton.SkeletonGenerator check|write &lt;solutionMain&gt; &lt;workspaceMain&gt; &lt;testJavaDir&gt;
 * </pre>
 *
 * <p>The skeleton of {@code solutions/01-chroot/src/main} is a copy in which
 * each exercise region of the Java files is a stub (see
 * {@link SkeletonTransformer}). {@code check} fails the build when the
 * committed workspace {@code 01-chroot/src/main} is not that copy;
 * {@code write} makes it so. Both fail unless every exercise has a
 * {@code @Graded} test in {@code testJavaDir} and every such test names an
 * exercise. The root pom runs this in each solution module's
 * {@code process-classes} phase.
 */
public final class SkeletonGenerator {

    /** Enough paths to see what happened, few enough to read. */
    private static final int MAX_LISTED = 20;

    private SkeletonGenerator() {
    }

    public static void main(String[] args) throws IOException {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the generator; returns the exit status: 0 in sync (or written), 1 on a problem, 2 on misuse. */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length != 4 || !(args[0].equals("check") || args[0].equals("write"))) {
            err.println("usage: SkeletonGenerator check|write <solutionMain> <workspaceMain> <testJavaDir>");
            return 2;
        }
        boolean write = args[0].equals("write");
        Path solutionMain = Path.of(args[1]).toAbsolutePath().normalize();
        Path workspaceMain = Path.of(args[2]).toAbsolutePath().normalize();
        Path testJava = Path.of(args[3]).toAbsolutePath().normalize();
        String chapter = chapterOf(workspaceMain);
        // Messages name files from the repository root, <root>/<chapter>/src/main.
        Path root = workspaceMain.getNameCount() > 3 ? workspaceMain.getParent().getParent().getParent() : null;

        SkeletonTree tree;
        try {
            tree = SkeletonTree.generate(solutionMain, label(root, solutionMain));
        } catch (SkeletonException e) {
            err.println("skeleton: " + chapter + ": " + e.getMessage());
            return 1;
        }
        List<GradedTest> tests = GradedTests.scan(testJava, label(root, testJava));
        List<String> problems = Coverage.problems(tree.regions(), tests);
        if (!problems.isEmpty()) {
            err.println("skeleton: " + chapter + ": exercises and graded tests do not match:");
            problems.forEach(problem -> err.println("  " + problem));
            return 1;
        }

        List<SkeletonTree.Change> changes = tree.diff(workspaceMain);
        String counts = new LinkedHashSet<>(tree.regions().stream().map(Region::id).toList()).size()
                + " exercises, " + tests.size() + " graded tests";
        if (write) {
            tree.write(workspaceMain, changes);
            changes.stream().limit(MAX_LISTED).forEach(change -> out.println("  wrote " + change));
            out.println("skeleton: " + chapter + ": " + counts + ", "
                    + (changes.isEmpty() ? "workspace in sync" : "workspace written (" + changes.size() + " files changed)"));
            return 0;
        }
        if (!changes.isEmpty()) {
            err.println(outOfSync(chapter, changes));
            return 1;
        }
        out.println("skeleton: " + chapter + ": " + counts + ", workspace in sync");
        return 0;
    }

    private static String outOfSync(String chapter, List<SkeletonTree.Change> changes) {
        StringBuilder message = new StringBuilder("The committed skeleton in " + chapter
                + "/src/main is not what solutions/" + chapter + " generates:\n");
        changes.stream().limit(MAX_LISTED).forEach(change -> message.append("  ").append(change).append('\n'));
        if (changes.size() > MAX_LISTED) {
            message.append("  ... and ").append(changes.size() - MAX_LISTED).append(" more\n");
        }
        return message.append("Maintainers: regenerate with ./mvnw -q -pl solutions/").append(chapter)
                .append(" -am process-classes -Dskeleton=write and commit.\n")
                .append("Students: you edited your workspace, which is expected: grade with ./mvnw -Pgrade verify,")
                .append(" or build with -Dskeleton.skip")
                .toString();
    }

    /** {@code dir} as messages show it: from the repository root where it lies under it, with a trailing slash. */
    private static String label(Path root, Path dir) {
        Path shown = root != null && dir.startsWith(root) ? root.relativize(dir) : dir;
        return shown.toString().replace('\\', '/') + "/";
    }

    /** The chapter from the workspace path {@code <root>/<chapter>/src/main}. */
    private static String chapterOf(Path workspaceMain) {
        Path chapterDir = workspaceMain.getParent() == null ? null : workspaceMain.getParent().getParent();
        return chapterDir == null || chapterDir.getFileName() == null
                ? workspaceMain.toString() : chapterDir.getFileName().toString();
    }
}
