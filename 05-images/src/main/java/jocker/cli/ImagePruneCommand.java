package jocker.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import jocker.images.LocalImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jocker image prune}: removes images without a name (all unused ones with -a), then their blobs and layers. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove unused images: dangling ones (<none>), or every one no container uses with -a.")
public final class ImagePruneCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-a", "--all"}, description = "Remove all images no container uses, not just dangling ones.")
    private boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        LocalImages images = ImageCli.images(spec);
        if (!force) {
            System.out.println(all ? "WARNING! This will remove all images without at least one container "
                    + "associated to them." : "WARNING! This will remove all dangling images.");
            System.out.print("Are you sure you want to continue? [y/N] ");
            System.out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
                return 0;
            }
        }
        long before = usage(images.root());
        List<String> deleted = images.prune(all, images::usedByContainer);
        if (!deleted.isEmpty()) {
            System.out.println("Deleted Images:");
            deleted.forEach(line -> System.out.println(line.replaceFirst("^Deleted:", "deleted:")));
            System.out.println();
        }
        System.out.println("Total reclaimed space: " + ImageCli.humanSize(Math.max(0, before - usage(images.root()))));
        return 0;
    }

    /** The bytes of the blobs and layers; a file with two names (a layer's tar is its blob too) counts once. */
    private static long usage(Path root) throws IOException {
        long total = 0;
        Set<Object> seen = new HashSet<>();
        for (Path dir : List.of(root.resolve("oci"), root.resolve("layers"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    BasicFileAttributes a =
                            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile() && seen.add(a.fileKey())) {
                        total += a.size();
                    }
                }
            }
        }
        return total;
    }
}
