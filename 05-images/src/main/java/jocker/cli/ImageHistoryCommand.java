package jocker.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jocker.images.Digest;
import jocker.images.ImageConfig;
import jocker.images.LocalImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jocker history}: the steps that made an image, newest first, from
 * its config's history. Each step that made a layer is paired with the next
 * diff ID. Only the top step is an image here; the ones below show
 * {@code <missing>}, as Docker shows them for an image it pulled or loaded.
 */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show the history of an image.")
public final class ImageHistoryCommand implements Callable<Integer>, Subcommand {

    private static final int CREATED_BY_WIDTH = 45;

    @Spec
    private CommandSpec spec;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    private boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
    private boolean quiet;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Name, ID or unique ID prefix.")
    private String ref;

    @Override
    public int chapter() {
        return 5;
    }

    @Override
    public Integer call() throws Exception {
        LocalImages images = ImageCli.images(spec);
        LocalImages.Image image = images.resolve(ref);
        List<ImageConfig.History> history = image.config().history();
        if (history.isEmpty()) { // a config without history: one unnamed step per layer
            history = image.diffIds().stream()
                    .map(d -> new ImageConfig.History(image.config().created(), "", null, null, false)).toList();
        }
        List<String[]> steps = new ArrayList<>();
        int layer = 0;
        for (ImageConfig.History h : history) {
            long size = 0;
            if (!h.emptyLayer() && layer < image.diffIds().size()) {
                Digest diffId = image.diffIds().get(layer++);
                size = images.layerSize(diffId);
            }
            String createdBy = h.createdBy() != null ? h.createdBy() : "";
            if (!noTrunc && createdBy.length() > CREATED_BY_WIDTH) {
                createdBy = createdBy.substring(0, CREATED_BY_WIDTH - 1) + "…";
            }
            steps.add(new String[] {"<missing>", created(h.created()), createdBy, ImageCli.humanSize(size),
                    h.comment() != null ? h.comment() : ""});
        }
        steps.get(steps.size() - 1)[0] = noTrunc ? image.id().toString() : image.id().shortHex();
        List<String[]> rows = ImageCli.table("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (quiet) {
                System.out.println(steps.get(i)[0]);
            }
            rows.add(steps.get(i));
        }
        if (!quiet) {
            ImageCli.printTable(rows);
        }
        return 0;
    }

    private static String created(String created) {
        try {
            return ImageCli.humanDuration(Duration.between(Instant.parse(created), Instant.now())) + " ago";
        } catch (NullPointerException | DateTimeParseException e) {
            return "N/A";
        }
    }
}
