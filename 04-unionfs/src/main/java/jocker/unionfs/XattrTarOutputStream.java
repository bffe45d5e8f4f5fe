package jocker.unionfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tar writer that also writes an entry's extended attributes, byte for
 * byte, as {@code SCHILY.xattr.NAME} records of its PAX header: what
 * {@link XattrTarInputStream} reads, and GNU tar, Docker and containerd.
 *
 * <p>Commons Compress writes a PAX value as UTF-8 text, and an attribute
 * such as {@code security.capability} is binary: no string encodes to a byte
 * 0x80 that is not part of a UTF-8 sequence. A second PAX header of our own
 * before the entry would not do either: GNU tar and Go's archive/tar keep
 * only the last of two. So the entry gets an empty placeholder record per
 * attribute, which makes Commons Compress write a PAX header (and put in it
 * what it needs of its own: a long name, a time to the tenth of a
 * microsecond); this writer holds that header back as it is written, puts
 * the raw records in place of the placeholders, and writes it with its new
 * size.
 */
final class XattrTarOutputStream extends TarArchiveOutputStream {

    private static final String XATTR = "SCHILY.xattr.";

    private Map<String, byte[]> xattrs = Map.of(); // of the entry being put, until its PAX header is out
    private TarArchiveEntry paxHeader; // held back, with its records below
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();

    XattrTarOutputStream(OutputStream out) {
        super(out);
    }

    /** Puts {@code entry} with its extended attributes, name to value; none is {@code putArchiveEntry}. */
    void putArchiveEntry(TarArchiveEntry entry, Map<String, byte[]> attributes) throws IOException {
        if (attributes.isEmpty()) {
            putArchiveEntry(entry);
            return;
        }
        for (String name : attributes.keySet()) {
            entry.addPaxHeader(XATTR + name, ""); // the placeholder, replaced in closeArchiveEntry
        }
        xattrs = attributes;
        try {
            putArchiveEntry(entry);
            if (!xattrs.isEmpty()) {
                throw new IllegalStateException("no PAX header was written for tar entry '" + entry.getName()
                        + "': its extended attributes would be lost");
            }
        } finally {
            xattrs = Map.of();
        }
    }

    @Override
    public void putArchiveEntry(TarArchiveEntry entry) throws IOException {
        if (!xattrs.isEmpty() && entry.isPaxHeader()) {
            paxHeader = entry; // its records come next, through write
            records.reset();
        } else {
            super.putArchiveEntry(entry);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (paxHeader != null) {
            records.write(bytes, offset, length);
        } else {
            super.write(bytes, offset, length);
        }
    }

    @Override
    public void closeArchiveEntry() throws IOException {
        if (paxHeader == null) {
            super.closeArchiveEntry();
            return;
        }
        byte[] merged = merge(records.toByteArray(), xattrs);
        TarArchiveEntry header = paxHeader;
        paxHeader = null;
        xattrs = Map.of();
        header.setSize(merged.length);
        super.putArchiveEntry(header);
        super.write(merged, 0, merged.length);
        super.closeArchiveEntry();
    }

    /**
     * Commons Compress's records ({@code "<length> <key>=<value>\n"}, the length in bytes, its own
     * keys in ASCII or UTF-8) without the placeholders, then a record for each attribute.
     */
    static byte[] merge(byte[] written, Map<String, byte[]> attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < written.length) {
            int space = at;
            while (written[space] != ' ') {
                space++;
            }
            int length = Integer.parseInt(new String(written, at, space - at, StandardCharsets.US_ASCII));
            String record = new String(written, space + 1, length - (space - at) - 1, StandardCharsets.UTF_8);
            if (!record.startsWith(XATTR)) {
                out.write(written, at, length);
            }
            at += length;
        }
        attributes.forEach((name, value) -> {
            byte[] key = (XATTR + name).getBytes(StandardCharsets.UTF_8);
            int rest = 1 + key.length + 1 + value.length + 1; // " key=value\n"
            int length = rest + digits(rest);
            length = rest + digits(length); // the length counts its own digits: 99 + 2 is 101, three
            out.writeBytes(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(value);
            out.write('\n');
        });
        return out.toByteArray();
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
