package jocker.distribution.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credentials {@code jocker login} keeps, in the docker CLI's format
 * ({@code ~/.docker/config.json}), in a file of jocker's own:
 * {@code $JOCKER_CONFIG/config.json}, else {@code ~/.jocker/config.json}.
 *
 * <pre>
 * {"auths": {"127.0.0.1:5000": {"auth": "dXNlcjpwYXNz"}}}
 * </pre>
 *
 * <p>{@code auth} is {@code base64(user:password)}: encoded, not encrypted,
 * so the file is made readable by its owner only (mode 0600) before the
 * first byte is written, and replaced whole by a rename, so that a reader
 * never sees half a file. Other keys (a docker CLI's {@code credsStore},
 * {@code HttpHeaders}) are kept as they are.
 */
public final class CredentialStore {

    /** The key Docker stores Docker Hub's credentials under. */
    public static final String DOCKER_HUB = "https://index.docker.io/v1/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    public CredentialStore(Path file) {
        this.file = file;
    }

    /** {@code $JOCKER_CONFIG/config.json}, else {@code ~/.jocker/config.json}. */
    public static CredentialStore defaultStore() {
        String dir = System.getenv("JOCKER_CONFIG");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".jocker");
        return new CredentialStore(base.resolve("config.json"));
    }

    public Path file() {
        return file;
    }

    /** The credentials stored for {@code registry} ({@code host:port}, or a URL naming it). */
    public synchronized Optional<Credentials> get(String registry) throws IOException {
        String key = key(registry);
        for (Iterator<Map.Entry<String, JsonNode>> it = auths(read()).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode auth = entry.getValue().path("auth");
            if (key(entry.getKey()).equals(key) && auth.isTextual() && !auth.asText().isEmpty()) {
                try {
                    return Optional.of(Credentials.decode(auth.asText()));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": the credentials of " + entry.getKey() + ": " + e.getMessage(), e);
                }
            }
        }
        return Optional.empty();
    }

    /** Stores {@code credentials} for {@code registry}, replacing what was stored for it. */
    public synchronized void put(String registry, Credentials credentials) throws IOException {
        ObjectNode root = read();
        removeKey(auths(root), key(registry));
        auths(root).putObject(key(registry)).put("auth", credentials.encoded());
        write(root);
    }

    /** Forgets {@code registry}'s credentials; false when there were none. */
    public synchronized boolean remove(String registry) throws IOException {
        ObjectNode root = read();
        if (!removeKey(auths(root), key(registry))) {
            return false;
        }
        write(root);
        return true;
    }

    /**
     * The name a registry is stored under: its {@code host:port} in lower
     * case, whatever URL names it ({@code http://127.0.0.1:5000/v2/} is
     * {@code 127.0.0.1:5000}); Docker Hub under any of its names is
     * {@link #DOCKER_HUB}, as in Docker's own file.
     */
    public static String key(String registry) {
        String r = registry.strip();
        if (r.contains("://")) {
            r = URI.create(r).getAuthority();
        } else if (r.indexOf('/') >= 0) {
            r = r.substring(0, r.indexOf('/'));
        }
        r = r.toLowerCase(Locale.ROOT);
        return switch (r) {
            case "docker.io", "index.docker.io", "registry-1.docker.io" -> DOCKER_HUB;
            default -> r;
        };
    }

    private static boolean removeKey(ObjectNode auths, String key) {
        boolean removed = false;
        for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
            if (key(it.next()).equals(key)) {
                it.remove();
                removed = true;
            }
        }
        return removed;
    }

    private static ObjectNode auths(ObjectNode root) {
        return root.get("auths") instanceof ObjectNode auths ? auths : root.putObject("auths");
    }

    private ObjectNode read() throws IOException {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            if (JSON.readTree(file.toFile()) instanceof ObjectNode root) {
                return root;
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        throw new IOException(file + " is not a JSON object");
    }

    /** Writes a private temporary file beside the real one, then renames it over it (rename(2) is atomic). */
    private void write(ObjectNode root) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        Path temp = Files.createTempFile(dir, ".config.json.", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
