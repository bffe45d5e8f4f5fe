package jocker.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import jocker.images.Images;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jocker images}: the images and how many layers each stacks. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = "List the images: name, tag, number of layers, top layer, size of the layer tars.")
public final class ImagesCommand implements Callable<Integer>, Subcommand {

    @ParentCommand
    private Jocker jocker;

    @Override
    public int chapter() {
        return 4;
    }

    @Override
    public Integer call() throws Exception {
        Jocker.requireRoot(LayerCli.WHY_ROOT);
        Images images = new Images(jocker.root());
        images.get("busybox"); // the built-in image is always there
        System.out.printf("%-20s %-12s %6s  %-19s %10s%n", "REPOSITORY", "TAG", "LAYERS", "TOP LAYER", "SIZE");
        for (Images.Image image : images.list()) {
            long size = 0;
            for (String layer : image.layers()) {
                size += Files.size(images.layers().tar(layer));
            }
            String top = image.layers().get(image.layers().size() - 1);
            System.out.printf("%-20s %-12s %6d  %-19s %10s%n", image.name(), image.tag(), image.layers().size(),
                    top.substring(0, "sha256:".length() + 12), human(size));
        }
        return 0;
    }

    private static String human(long bytes) {
        return bytes < 1000 * 1000 ? String.format("%.1fkB", bytes / 1000.0) : String.format("%.1fMB", bytes / 1e6);
    }
}
