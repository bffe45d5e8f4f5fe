package jocker.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jocker.images.LocalImages;
import jocker.images.Reference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jocker images} (and {@code jocker image ls}): the images of the store, one line per name, as Docker's. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = "List images: REPOSITORY TAG IMAGE ID CREATED SIZE, newest first; <none> for an untagged one.")
public final class ImageListCommand implements Callable<Integer>, Subcommand {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-a", "--all"}, description = "Show the intermediate images of builds too.")
    private boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
    private boolean quiet;

    @Option(names = "--no-trunc", description = "Show full image IDs.")
    private boolean noTrunc;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "Only these images.")
    private String filter;

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public Integer call() throws Exception {
        LocalImages images = ImageCli.images(spec);
        List<LocalImages.Image> list = new ArrayList<>(images.list(all));
        list.sort(Comparator.comparing(LocalImages::created).reversed());
        Instant now = Instant.now();
        List<String[]> rows = ImageCli.table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        Set<String> ids = new LinkedHashSet<>();
        for (LocalImages.Image image : list) {
            String id = noTrunc ? image.id().toString() : image.id().shortHex();
            String created = ImageCli.humanDuration(Duration.between(LocalImages.created(image), now)) + " ago";
            String size = ImageCli.humanSize(images.size(image));
            if (image.references().isEmpty() && filter == null) {
                rows.add(new String[] {"<none>", "<none>", id, created, size});
                ids.add(id);
            }
            for (Reference r : image.references()) {
                if (matches(r)) {
                    rows.add(new String[] {r.familiarName(), r.tag() != null ? r.tag() : "<none>", id, created, size});
                    ids.add(id);
                }
            }
        }
        if (quiet) {
            ids.forEach(System.out::println);
        } else {
            ImageCli.printTable(rows);
        }
        return 0;
    }

    /** Whether {@code r} is what REPOSITORY[:TAG] asks for: the repository, and the tag if one is given. */
    private boolean matches(Reference r) {
        if (filter == null) {
            return true;
        }
        boolean withTag = filter.lastIndexOf(':') > filter.lastIndexOf('/');
        Reference wanted = Reference.parse(filter);
        return wanted.name().equals(r.name()) && (!withTag || wanted.tag().equals(r.tag()));
    }
}
