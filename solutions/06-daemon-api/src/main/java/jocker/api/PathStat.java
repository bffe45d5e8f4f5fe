package jocker.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code X-Docker-Container-Path-Stat} header of the archive endpoints:
 * base64 of {@code {"name","size","mode","mtime","linkTarget"}}, which
 * {@code docker cp} reads to know whether it copies a file or a directory.
 * {@code mode} is Go's {@code os.FileMode}: the permission bits, plus a
 * high bit for the type (a directory is {@code 1<<31}), not Unix's
 * {@code S_IFDIR}.
 */
record PathStat(String name, long size, long mode, String mtime, String linkTarget) {

    static final String HEADER = "X-Docker-Container-Path-Stat";

    private static final long GO_DIR = 1L << 31;
    private static final long GO_SYMLINK = 1L << 27;
    private static final long GO_NAMED_PIPE = 1L << 25;
    private static final long GO_SOCKET = 1L << 24;
    private static final long GO_SETUID = 1L << 23;
    private static final long GO_SETGID = 1L << 22;
    private static final long GO_CHAR_DEVICE = 1L << 21;
    private static final long GO_DEVICE = 1L << 26;
    private static final long GO_STICKY = 1L << 20;
    private static final int S_IFMT = 0170000;

    /** The stat of {@code file}, named {@code name} (the last name of the path asked for). */
    static PathStat of(Path file, String name) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attrs.get("mode");
        long goMode = mode & 0777;
        goMode |= switch (mode & S_IFMT) {
            case 0040000 -> GO_DIR;
            case 0120000 -> GO_SYMLINK;
            case 0010000 -> GO_NAMED_PIPE;
            case 0140000 -> GO_SOCKET;
            case 0020000 -> GO_DEVICE | GO_CHAR_DEVICE;
            case 0060000 -> GO_DEVICE;
            default -> 0;
        };
        goMode |= (mode & 04000) != 0 ? GO_SETUID : 0;
        goMode |= (mode & 02000) != 0 ? GO_SETGID : 0;
        goMode |= (mode & 01000) != 0 ? GO_STICKY : 0;
        String link = Files.isSymbolicLink(file) ? Files.readSymbolicLink(file).toString() : "";
        return new PathStat(name, (Long) attrs.get("size"), goMode,
                ((FileTime) attrs.get("lastModifiedTime")).toInstant().toString(), link);
    }

    @JsonIgnore
    boolean isDirectory() {
        return (mode & GO_DIR) != 0;
    }

    /** The header's value. */
    String header() throws IOException {
        return Base64.getEncoder().encodeToString(new ObjectMapper().writeValueAsString(this)
                .getBytes(StandardCharsets.UTF_8));
    }
}
