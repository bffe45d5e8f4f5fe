package jocker.images;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import jocker.unionfs.LayerStore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Test support: layer tars written here with Commons Compress, as another
 * tool would write them, stored as blobs, and ways to look at what an import
 * left on disk that do not go through the code under test.
 */
final class Layers {

    /** The tests' own xattr call, so a check never relies on the code under test. */
    interface Xattr extends Library {
        Xattr INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Xattr.class);

        int lgetxattr(String path, String name, byte[] value, long size);
    }

    enum Compression { PLAIN, GZIP, ZSTD }

    /** A tar being written: entries in order, each configured by the caller. */
    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

        Tar() {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        Tar dir(String name, Consumer<TarArchiveEntry> more) throws IOException {
            return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true), null, more);
        }

        Tar file(String name, String content, Consumer<TarArchiveEntry> more) throws IOException {
            return put(new TarArchiveEntry(name, true), content.getBytes(StandardCharsets.UTF_8), more);
        }

        Tar file(String name, String content) throws IOException {
            return file(name, content, e -> { });
        }

        Tar symlink(String name, String target, Consumer<TarArchiveEntry> more) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            e.setLinkName(target);
            return put(e, null, more);
        }

        Tar symlink(String name, String target) throws IOException {
            return symlink(name, target, e -> { });
        }

        Tar hardLink(String name, String target, Consumer<TarArchiveEntry> more) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            e.setLinkName(target);
            return put(e, null, more);
        }

        Tar device(String name, byte type, int major, int minor, Consumer<TarArchiveEntry> more) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, type, true);
            e.setDevMajor(major);
            e.setDevMinor(minor);
            return put(e, null, more);
        }

        /**
         * A PAX header of extended attributes for the next entry, written by hand as GNU tar writes
         * it: Commons Compress would encode the values as UTF-8 text, and some are binary.
         */
        Tar xattr(String name, byte[] value) throws IOException {
            byte[] rest = (" SCHILY.xattr." + name + "=").getBytes(StandardCharsets.UTF_8);
            int length = rest.length + value.length + 1;
            length += Integer.toString(length).length();
            length += Integer.toString(length).length() - Integer.toString(length - 1).length(); // 99 -> 100
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            record.write(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
            record.write(rest);
            record.write(value);
            record.write('\n');
            TarArchiveEntry header = new TarArchiveEntry("PaxHeaders/" + name,
                    TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
            header.setSize(record.size());
            header.setModTime(FileTime.fromMillis(0)); // whole seconds: no PAX header of its own for the time
            tar.putArchiveEntry(header);
            tar.write(record.toByteArray());
            tar.closeArchiveEntry();
            return this;
        }

        private Tar put(TarArchiveEntry e, byte[] content, Consumer<TarArchiveEntry> more) throws IOException {
            e.setSize(content == null ? 0 : content.length);
            more.accept(e);
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        }

        /** The finished, uncompressed tar. */
        byte[] bytes() throws IOException {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        }
    }

    static byte[] compress(byte[] tar, Compression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = switch (compression) {
            case PLAIN -> out;
            case GZIP -> new GzipCompressorOutputStream(out);
            case ZSTD -> new ZstdCompressorOutputStream(out);
        }) {
            c.write(tar);
        }
        return out.toByteArray();
    }

    /** A blob stored by the test's own hashing: the descriptor of {@code bytes}, put in {@code blobs}. */
    static Descriptor store(BlobStore blobs, byte[] bytes, String mediaType) throws IOException {
        Digest digest = Digest.of(bytes);
        Path file = blobs.path(digest);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return new Descriptor(mediaType, digest, bytes.length);
    }

    /** Every path under {@code dir}, relative, directories with a trailing /; links are not followed. */
    static List<String> tree(Path dir) throws IOException {
        List<String> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir)).forEach(p -> all.add(dir.relativize(p)
                    + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
        }
        all.sort(null);
        return all;
    }

    /** An extended attribute of {@code path} itself, or null if it has none of that name. */
    static byte[] xattr(Path path, String name) {
        byte[] value = new byte[256];
        int n = Xattr.INSTANCE.lgetxattr(path.toString(), name, value, value.length);
        return n < 0 ? null : Arrays.copyOf(value, n);
    }

    /** The layer store's entries that are not finished layers, and what the state directory's scratch holds. */
    static List<String> leftovers(Path root) throws IOException {
        List<String> left = new ArrayList<>();
        Path layers = new LayerStore(root).dir();
        if (Files.isDirectory(layers)) {
            try (Stream<Path> list = Files.list(layers)) {
                list.map(p -> p.getFileName().toString()).filter(n -> !n.equals("l")).forEach(left::add);
            }
            Path l = layers.resolve("l");
            if (Files.isDirectory(l)) {
                try (Stream<Path> list = Files.list(l)) {
                    list.map(p -> "l/" + p.getFileName()).forEach(left::add);
                }
            }
        }
        Path tmp = root.resolve("tmp");
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.filter(p -> !Files.isDirectory(p) || p.getFileName().toString().startsWith("partial-"))
                        .map(p -> root.relativize(p).toString()).forEach(left::add);
            }
        }
        return left;
    }
}
