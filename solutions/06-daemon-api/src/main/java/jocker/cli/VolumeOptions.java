package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import jocker.engine.CreateRequest;
import jocker.volumes.VolumeMounts;
import picocli.CommandLine.Option;

/**
 * Chapter 6's options of {@code jocker run}: volumes and binds.
 *
 * <pre>
 * jocker run -v /srv/www:/www:ro busybox ls /www
 * jocker run -v cache:/var/cache busybox sh -c 'date &gt;&gt; /var/cache/runs'
 * jocker run --mount type=volume,src=cache,dst=/var/cache,readonly busybox cat /var/cache/runs
 * </pre>
 */
public final class VolumeOptions implements RunOptions {

    @Option(names = {"-v", "--volume"}, paramLabel = "[SRC:]DST[:MODE]",
            description = "Bind a host path (absolute) or mount a volume (a name; made if missing); "
                    + "a DST alone is an anonymous volume. MODE: ro, rw, nocopy.")
    private List<String> volumes = new ArrayList<>();

    @Option(names = "--mount", paramLabel = "type=bind|volume,src=S,dst=D[,readonly]",
            description = "A mount, spelled out: the source of a bind must exist.")
    private List<String> mounts = new ArrayList<>();

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public CreateRequest addTo(CreateRequest request) {
        if (volumes.isEmpty() && mounts.isEmpty()) {
            return request;
        }
        List<VolumeMounts.ApiMount> parsed = new ArrayList<>();
        for (String mount : mounts) {
            parsed.add(parseMount(mount));
        }
        return request.with(VolumeMounts.of(volumes, parsed));
    }

    /** {@code --mount}'s comma-separated {@code key=value} list, with Docker's names for the keys. */
    static VolumeMounts.ApiMount parseMount(String text) {
        String type = "volume";
        String source = null;
        String target = null;
        boolean readOnly = false;
        for (String field : text.split(",")) {
            String[] kv = field.split("=", 2);
            String value = kv.length == 2 ? kv[1] : null;
            switch (kv[0]) {
                case "type" -> type = value;
                case "source", "src" -> source = value;
                case "target", "destination", "dst" -> target = value;
                case "readonly", "ro" -> readOnly = value == null || value.equals("1") || value.equals("true");
                default -> throw new IllegalArgumentException("invalid argument \"" + text + "\" for \"--mount\" flag:"
                        + " unexpected key '" + kv[0] + "' in '" + field + "'");
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("invalid argument \"" + text + "\" for \"--mount\" flag:"
                    + " target is required");
        }
        return new VolumeMounts.ApiMount(type, source, target, readOnly);
    }
}
