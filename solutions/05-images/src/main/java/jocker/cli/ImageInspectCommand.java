package jocker.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jocker.images.ImageConfig;
import jocker.images.ImageException;
import jocker.images.ImageJson;
import jocker.images.LocalImages;
import jocker.images.Reference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jocker image inspect}: a JSON array in the shape of Docker's,
 * {@code Id} (the config's digest), {@code RepoTags}, {@code Config},
 * {@code RootFS.Layers} (the diff IDs), and, as docker 25 shows it, the
 * {@code Descriptor} of the manifest in the store.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Display detailed information on images.")
public final class ImageInspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Name, ID or unique ID prefix.")
    private List<String> refs;

    @Override
    public Integer call() throws Exception {
        LocalImages images = ImageCli.images(spec);
        List<Object> out = new ArrayList<>();
        int status = 0;
        for (String ref : refs) {
            try {
                out.add(inspect(images, images.resolve(ref)));
            } catch (ImageException e) {
                System.err.println("jocker: " + e.getMessage());
                status = 1;
            }
        }
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n")).withoutSpacesInObjectEntries();
        System.out.println(ImageJson.MAPPER.writer(pretty).writeValueAsString(out));
        return status;
    }

    private static Map<String, Object> inspect(LocalImages images, LocalImages.Image image) throws Exception {
        ImageConfig config = image.config();
        List<ImageConfig.History> history = config.history();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", image.id().toString());
        m.put("RepoTags", image.references().stream().map(Reference::familiar).toList());
        m.put("RepoDigests", List.of());
        m.put("Parent", "");
        m.put("Comment", history.isEmpty() || history.get(history.size() - 1).comment() == null ? ""
                : history.get(history.size() - 1).comment());
        m.put("Created", config.created() != null ? config.created() : "");
        m.put("DockerVersion", "");
        m.put("Author", config.author() != null ? config.author() : "");
        m.put("Config", config.runConfig());
        m.put("Architecture", config.architecture());
        m.put("Os", config.os());
        long size = images.size(image);
        m.put("Size", size);
        m.put("VirtualSize", size);
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("Type", "layers");
        rootfs.put("Layers", config.rootfs().diffIds());
        m.put("RootFS", rootfs);
        m.put("Metadata", Map.of("LastTagTime", "0001-01-01T00:00:00Z"));
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", image.manifest().mediaType());
        descriptor.put("digest", image.manifestDigest().toString());
        descriptor.put("size", images.blobs().size(image.manifestDigest()));
        m.put("Descriptor", descriptor);
        return m;
    }
}
