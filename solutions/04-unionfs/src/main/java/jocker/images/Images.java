package jocker.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jocker.engine.ContainerStore;
import jocker.images.ImageException;
import jocker.images.ImageStore;
import jocker.unionfs.LayerException;
import jocker.unionfs.LayerStore;

/**
 * Chapter 4's images: a name and tag for a list of layers, bottom first.
 * Chapter 5 gives them a config and a manifest.
 *
 * <pre>
 * &lt;root&gt;/images/&lt;name&gt;/&lt;tag&gt;.json    {"name":"mine","tag":"latest","layers":["sha256:…",…],…}
 * </pre>
 *
 * An image of chapter 1's kind, a bare {@code images/<name>/rootfs}
 * directory (the built-in busybox is one), becomes a one-layer image the
 * first time it is used.
 */
public final class Images {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /** One image. {@code layers} are diff IDs, bottom first; {@code created} is ISO-8601. */
    public record Image(String name, String tag, List<String> layers, String created, String comment) {

        public String reference() {
            return name + ":" + tag;
        }
    }

    private final Path root;
    private final LayerStore layers;

    public Images(Path root) {
        this.root = root;
        this.layers = new LayerStore(root);
    }

    public LayerStore layers() {
        return layers;
    }

    /** {@code name[:tag]} split in two, {@code latest} when there is no tag; throws for a malformed one. */
    public static String[] parse(String reference) {
        int colon = reference.lastIndexOf(':');
        String name = colon < 0 ? reference : reference.substring(0, colon);
        String tag = colon < 0 ? "latest" : reference.substring(colon + 1);
        if (!NAME.matcher(name).matches() || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid image reference '" + reference
                    + "': want NAME[:TAG], NAME of lowercase letters, digits and . _ - between them");
        }
        return new String[] {name, tag};
    }

    /** The image {@code reference} names; a chapter 1 image is made a layer first. */
    public Image get(String reference) throws IOException {
        String[] nt = parse(reference);
        Path file = file(nt[0], nt[1]);
        Image image = ContainerStore.readJson(file, Image.class);
        if (image != null) {
            return image;
        }
        if (nt[1].equals("latest") && (nt[0].equals(ImageStore.BUILT_IN)
                || Files.isDirectory(root.resolve("images").resolve(nt[0]).resolve("rootfs")))) {
            Path rootfs = new ImageStore(root).rootfs(nt[0]); // busybox: made from the host's on first use
            String layer = layers.create(rootfs);
            return save(new Image(nt[0], nt[1], List.of(layer), Instant.now().toString(), "imported from " + rootfs));
        }
        throw new ImageException("image '" + reference + "' not found: the images are "
                + ImageStore.BUILT_IN + " and those jocker commit made");
    }

    /** Records {@code image}, replacing an image of the same name and tag. */
    public Image save(Image image) throws IOException {
        for (String layer : image.layers()) {
            if (!layers.exists(layer)) {
                throw new LayerException("image " + image.reference() + ": layer " + layer + " is not in the store");
            }
        }
        Path file = file(image.name(), image.tag());
        Files.createDirectories(file.getParent());
        ContainerStore.writeJson(file, image);
        return image;
    }

    /** Every image of this chapter's kind, by reference. */
    public List<Image> list() throws IOException {
        List<Image> images = new ArrayList<>();
        Path dir = root.resolve("images");
        if (!Files.isDirectory(dir)) {
            return images;
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                images.add(ContainerStore.readJson(f, Image.class));
            }
        }
        return images;
    }

    private Path file(String name, String tag) {
        return root.resolve("images").resolve(name).resolve(tag + ".json");
    }
}
