package jocker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.unionfs.Change;
import jocker.unionfs.Commit;
import jocker.unionfs.LayerException;
import jocker.unionfs.LayerTar;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A container's files: {@code docker diff} ({@code GET …/changes}, chapter
 * 4's upper layer read as changes), {@code docker export} ({@code GET
 * …/export}, the whole root as a tar) and {@code docker cp} ({@code HEAD},
 * {@code GET} and {@code PUT …/archive?path=}, a path as a tar; its stat in
 * the {@value PathStat#HEADER} header).
 */
public final class ContainerFileRoutes implements Routes {

    private static final String TAR = "application/x-tar";

    private ContainerStore store;
    private Path root;

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        store = router.engine().store();
        root = router.root();
        router.add("GET", "/containers/{id}/changes", EngineErrors.mapped(this::changes));
        router.add("GET", "/containers/{id}/export", EngineErrors.mapped(this::export));
        router.add("HEAD", "/containers/{id}/archive", EngineErrors.mapped(this::stat));
        router.add("GET", "/containers/{id}/archive", EngineErrors.mapped(this::get));
        router.add("PUT", "/containers/{id}/archive", EngineErrors.mapped(this::put));
    }

    /** One change: {@code Kind} 0 changed, 1 added, 2 deleted. */
    record ChangeJson(@JsonProperty("Path") String path, @JsonProperty("Kind") int kind) {
    }

    private void changes(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        List<ChangeJson> changes = new Commit(root).diff(state.id()).stream()
                .map(c -> new ChangeJson(c.path(), switch (c.kind()) {
                    case Change.ADDED -> 1;
                    case Change.DELETED -> 2;
                    default -> 0;
                })).toList();
        response.json(200, changes);
    }

    private void export(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        try (ContainerRoot container = ContainerRoot.open(store, state);
             OutputStream out = response.stream(200, TAR)) {
            LayerTar.write(container.dir(), out); // a merged view has no whiteouts: a plain tar of the files
        }
    }

    private void stat(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        String path = path(request);
        try (ContainerRoot container = ContainerRoot.open(store, state)) {
            Path file = container.existing(path, false);
            response.header(PathStat.HEADER, PathStat.of(file, name(path)).header()).empty(200);
        }
    }

    // tag::archive-get[]
    /** {@code docker cp CONTAINER:PATH …}: PATH as a tar whose entries start with PATH's last name. */
    private void get(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        String path = path(request);
        try (ContainerRoot container = ContainerRoot.open(store, state)) {
            Path file = container.existing(path, false);
            response.header(PathStat.HEADER, PathStat.of(file, name(path)).header());
            try (OutputStream out = response.stream(200, TAR)) {
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                add(tar, file, name(path));
                tar.finish();
            }
        }
    }
    // end::archive-get[]

    /** {@code file} and, for a directory, everything under it; links as links, never followed. */
    private static void add(TarArchiveOutputStream tar, Path file, String name) throws IOException {
        boolean directory = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
        TarArchiveEntry entry = new TarArchiveEntry(file, directory ? name + "/" : name, LinkOption.NOFOLLOW_LINKS);
        tar.putArchiveEntry(entry);
        if (entry.isFile()) {
            Files.copy(file, tar);
        }
        tar.closeArchiveEntry();
        if (directory) {
            try (Stream<Path> children = Files.list(file)) {
                for (Path child : children.sorted().toList()) {
                    add(tar, child, name + "/" + child.getFileName());
                }
            }
        }
    }

    // tag::archive-put[]
    /**
     * {@code docker cp … CONTAINER:PATH}: a tar unpacked into directory
     * PATH. The docker CLI sends file entries only, so missing parents are
     * made; chapter 4's unpacking refuses an entry that would land outside
     * ({@code ../x}, {@code /x}, a name below a symbolic link).
     */
    private void put(ApiRequest request, ApiResponse response) throws IOException {
        ContainerState state = store.find(request.path("id"));
        String path = path(request);
        try (ContainerRoot container = ContainerRoot.open(store, state)) {
            Path dir = container.existing(path, true);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw ApiException.badRequest("extraction point is not a directory: " + path);
            }
            try {
                LayerTar.unpack(request.body(), dir);
            } catch (LayerException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            // A tar ends with zero blocks, padded to a record: bytes the unpacker leaves unread. Read
            // to the end, so the connection stays usable and the client does not see it closed mid-body.
            request.body().transferTo(OutputStream.nullOutputStream());
        }
        response.empty(200);
    }
    // end::archive-put[]

    private static String path(ApiRequest request) {
        String path = request.query("path");
        if (path == null || path.isEmpty()) {
            throw ApiException.badRequest("a path is needed: ?path=/inside/the/container");
        }
        return path;
    }

    /** The last name of {@code path}: {@code hostname} of {@code /etc/hostname}, {@code /} of the root. */
    private static String name(String path) {
        Path p = Path.of(path).normalize();
        return p.getFileName() == null ? "/" : p.getFileName().toString();
    }
}
