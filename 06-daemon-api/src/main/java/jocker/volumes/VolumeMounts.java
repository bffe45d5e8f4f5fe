package jocker.volumes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chapter 6's part of a {@link jocker.engine.CreateRequest}: what the
 * container mounts, from {@code jocker run -v} or from the Engine API's
 * {@code HostConfig.Binds} and {@code HostConfig.Mounts}.
 */
public record VolumeMounts(List<VolumeSpec> mounts) {

    public VolumeMounts {
        mounts = List.copyOf(mounts);
    }

    /** {@code HostConfig.Binds}: Docker's {@code -v} strings; null is none. */
    public static VolumeMounts fromBinds(List<String> binds) {
        return of(binds, null);
    }

    /**
     * {@code HostConfig.Binds} and {@code HostConfig.Mounts} of
     * {@code POST /containers/create} (either may be null); an
     * {@link IllegalArgumentException} with Docker's words for a bad one.
     */
    public static VolumeMounts of(List<String> binds, List<ApiMount> apiMounts) {
        List<VolumeSpec> all = new ArrayList<>();
        if (binds != null) {
            for (String bind : binds) {
                all.add(VolumeSpec.parse(bind));
            }
        }
        if (apiMounts != null) {
            for (ApiMount m : apiMounts) {
                all.add(m.toSpec());
            }
        }
        return new VolumeMounts(all);
    }

    /**
     * One of {@code HostConfig.Mounts} ({@code docker run --mount}):
     * {@code {"Type":"volume","Source":"cache","Target":"/var/cache","ReadOnly":true}}.
     * Only the types {@code bind} and {@code volume}; an empty Source of a
     * volume is an anonymous one.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApiMount(@JsonProperty("Type") String type, @JsonProperty("Source") String source,
                           @JsonProperty("Target") String target, @JsonProperty("ReadOnly") boolean readOnly) {

        VolumeSpec toSpec() {
            if (target == null || !target.startsWith("/")) {
                throw new IllegalArgumentException("invalid mount config for type \"" + type
                        + "\": invalid mount path: '" + target + "' mount path must be absolute");
            }
            String destination = Path.of(target).normalize().toString();
            if ("bind".equals(type)) {
                if (source == null || !source.startsWith("/")) {
                    throw new IllegalArgumentException("invalid mount config for type \"bind\": invalid mount path: '"
                            + source + "' mount path must be absolute");
                }
                if (!Files.exists(Path.of(source))) {
                    // --mount, unlike -v, makes nothing: Docker's words
                    throw new IllegalArgumentException("invalid mount config for type \"bind\": bind source path"
                            + " does not exist: " + source);
                }
                return new VolumeSpec(VolumeSpec.Type.BIND, source, destination, readOnly, false);
            }
            if ("volume".equals(type)) {
                if (source == null || source.isEmpty()) {
                    return new VolumeSpec(VolumeSpec.Type.ANONYMOUS, null, destination, readOnly, false);
                }
                VolumeSpec.checkName(source);
                return new VolumeSpec(VolumeSpec.Type.VOLUME, source, destination, readOnly, false);
            }
            throw new IllegalArgumentException("mount type \"" + type + "\" is not supported: bind or volume");
        }
    }
}
