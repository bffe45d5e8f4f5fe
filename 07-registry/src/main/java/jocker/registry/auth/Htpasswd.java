package jocker.registry.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The registry's users: an Apache htpasswd file of bcrypt entries, one
 * {@code user:hash} a line, as {@code htpasswd -Bbn user password} prints
 * them (the same file distribution's {@code auth.htpasswd} reads).
 *
 * <pre>
 * alice:$2y$05$f5grZAPV9gnxinpIUxrCsOf5cMge81kS9IRaUVacUyTs6MqSyMnRK
 * </pre>
 *
 * <p>bcrypt ({@code $2y$}, {@code $2a$}, {@code $2b$}: cost, 16-byte salt,
 * hash) is slow on purpose, so that a stolen file is expensive to guess
 * from; htpasswd's older formats (MD5 {@code $apr1$}, SHA-1, crypt) are
 * refused when the file is read, not accepted silently. The file is read
 * again when its modification time changes, so that users can be added
 * while the registry runs.
 */
public final class Htpasswd {

    /** A bcrypt hash checked when the user is unknown, so that an unknown user takes as long as a known one. */
    private static final String DUMMY = "$2y$05$f5grZAPV9gnxinpIUxrCsOf5cMge81kS9IRaUVacUyTs6MqSyMnRK";

    /** {@code $2y$}, {@code $2a$} or {@code $2b$}, a two-digit cost, then 53 characters of salt and hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private final Path file;
    private volatile Snapshot snapshot;

    private record Snapshot(FileTime modified, Map<String, String> hashes) {
    }

    private Htpasswd(Path file, Snapshot snapshot) {
        this.file = file;
        this.snapshot = snapshot;
    }

    /**
     * Reads the file.
     *
     * @throws IOException when it cannot be read, holds a line that is not {@code user:hash}, or a
     *     hash that is not bcrypt
     */
    public static Htpasswd load(Path file) throws IOException {
        return new Htpasswd(file, read(file));
    }

    /** Whether {@code password} is {@code user}'s; the file is read again first if it changed. */
    public boolean verify(String user, String password) {
        String hash = current().hashes().get(user);
        boolean matches = OpenBSDBCrypt.checkPassword(hash != null ? hash : DUMMY, password.toCharArray());
        return hash != null && matches;
    }

    /** Whether {@code user} is in the file. */
    public boolean contains(String user) {
        return current().hashes().containsKey(user);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        try {
            if (!Files.getLastModifiedTime(file).equals(s.modified())) {
                s = read(file);
                snapshot = s;
            }
        } catch (IOException e) {
            // unreadable or broken while someone edits it: keep the users read last
            System.err.println("jocker registry: keeping the users read before: " + e.getMessage());
        }
        return s;
    }

    private static Snapshot read(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException(file + " line " + n + ": not user:hash");
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!BCRYPT.matcher(hash).matches()) {
                throw new IOException(file + " line " + n + ": the password of '" + user
                        + "' is not a bcrypt hash; make the file with 'htpasswd -B' (bcrypt), the only kind accepted");
            }
            hashes.put(user, hash);
        }
        return new Snapshot(modified, Map.copyOf(hashes));
    }
}
