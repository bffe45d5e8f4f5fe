package jocker.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import jocker.engine.Names;
import jocker.volumes.Volume;
import jocker.volumes.VolumeException;
import jocker.volumes.VolumeFilters;
import jocker.volumes.VolumeStore;

/**
 * The Engine API's volumes ({@code docker volume …}):
 *
 * <pre>
 * GET    /volumes?filters=…        {"Volumes":[…],"Warnings":[]}
 * POST   /volumes/create           {"Name","Driver","Labels"} → 201 the volume
 * GET    /volumes/{name}           the volume, or 404
 * DELETE /volumes/{name}?force=1   204; 409 while a container uses it
 * POST   /volumes/prune?filters=…  {"VolumesDeleted":[…],"SpaceReclaimed":N}
 * </pre>
 */
public final class VolumeRoutes implements Routes {

    /** The body of {@code POST /volumes/create}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreateBody(@JsonProperty("Name") String name, @JsonProperty("Driver") String driver,
                      @JsonProperty("DriverOpts") Map<String, String> driverOpts,
                      @JsonProperty("Labels") Map<String, String> labels) {
    }

    /** The answer of {@code GET /volumes}. */
    record VolumeList(@JsonProperty("Volumes") List<Volume> volumes, @JsonProperty("Warnings") List<String> warnings) {
    }

    /** The answer of {@code POST /volumes/prune}. */
    record PruneReport(@JsonProperty("VolumesDeleted") List<String> deleted,
                       @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        VolumeStore volumes = new VolumeStore(router.root());
        router.add("GET", "/volumes", (req, res) -> res.json(200,
                new VolumeList(answer(() -> filters(req).apply(volumes, volumes.list())), List.of())));
        router.add("POST", "/volumes/create", (req, res) -> res.json(201, answer(() -> create(volumes, req))));
        router.add("GET", "/volumes/{name}", (req, res) -> res.json(200, answer(() -> volumes.get(req.path("name")))));
        router.add("DELETE", "/volumes/{name}", (req, res) -> {
            answer(() -> {
                volumes.remove(req.path("name"), req.queryFlag("force", false));
                return null;
            });
            res.empty(204);
        });
        router.add("POST", "/volumes/prune", (req, res) -> {
            VolumeFilters selected = filters(req);
            VolumeStore.Pruned pruned = answer(() -> volumes.prune(v -> selected.matches(v, false)));
            res.json(200, new PruneReport(pruned.names(), pruned.bytes()));
        });
    }

    private static Volume create(VolumeStore volumes, ApiRequest req) throws Exception {
        CreateBody body = req.json(CreateBody.class);
        if (body == null) {
            body = new CreateBody(null, null, null, null);
        }
        String driver = body.driver() == null || body.driver().isEmpty() ? "local" : body.driver();
        if (!driver.equals("local")) {
            throw ApiException.notFound("create " + body.name() + ": error looking up volume plugin " + driver
                    + ": plugin \"" + driver + "\" not found");
        }
        if (body.driverOpts() != null && !body.driverOpts().isEmpty()) {
            throw ApiException.badRequest("create " + body.name() + ": driver options are not supported: "
                    + "jocker's local volumes are plain directories");
        }
        String name = body.name() == null || body.name().isEmpty() ? Names.newId() : body.name();
        return volumes.create(name, body.labels() == null ? Map.of() : body.labels());
    }

    private static VolumeFilters filters(ApiRequest req) {
        try {
            return VolumeFilters.of(req.filters());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** What a volume call returns; its refusals as the API's errors: 404, 409, and 400 for a bad name. */
    private static <T> T answer(Call<T> call) throws Exception {
        try {
            return call.run();
        } catch (VolumeException e) {
            throw new ApiException(e.status(), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }
}
