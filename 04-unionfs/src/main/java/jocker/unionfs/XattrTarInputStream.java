package jocker.unionfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that also hands out each entry's extended attributes
 * ({@code SCHILY.xattr.NAME} records of its PAX header, as GNU tar and
 * Docker write them) byte for byte.
 *
 * <p>Commons Compress decodes every PAX value as UTF-8 text, and an
 * attribute such as {@code security.capability} is binary: a byte 0x80 or
 * above would come back as U+FFFD, and the kernel would refuse the value, or
 * worse, take another one. So this reader keeps the raw bytes of the PAX
 * header as Commons Compress reads them, and parses the records itself:
 * {@code "<length> <key>=<value>\n"}, the length counted in bytes.
 */
final class XattrTarInputStream extends TarArchiveInputStream {

    private static final String XATTR = "SCHILY.xattr.";

    private final ByteArrayOutputStream paxBytes = new ByteArrayOutputStream();
    private int depth;
    private Map<String, byte[]> xattrs = Map.of();

    XattrTarInputStream(InputStream in) {
        super(in);
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        if (depth++ == 0) { // the reader calls itself again for the entry after a PAX header
            paxBytes.reset();
        }
        try {
            return super.getNextEntry();
        } finally {
            if (--depth == 0) {
                xattrs = parse(paxBytes.toByteArray());
            }
        }
    }

    @Override
    public int read(byte[] buf, int offset, int length) throws IOException {
        int n = super.read(buf, offset, length);
        TarArchiveEntry current = getCurrentEntry();
        if (n > 0 && current != null && current.isPaxHeader()) {
            paxBytes.write(buf, offset, n);
        }
        return n;
    }

    /** The extended attributes of the entry {@link #getNextEntry} returned last, name to value. */
    Map<String, byte[]> xattrs() {
        return xattrs;
    }

    private static Map<String, byte[]> parse(byte[] pax) throws IOException {
        Map<String, byte[]> found = new LinkedHashMap<>();
        int at = 0;
        while (at < pax.length) {
            int space = indexOf(pax, (byte) ' ', at);
            if (space < 0) {
                break; // the zero padding after the last record
            }
            int length;
            try {
                length = Integer.parseInt(new String(pax, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                break; // padding, or a header Commons Compress already refused
            }
            int end = at + length;
            int equals = indexOf(pax, (byte) '=', space + 1);
            if (length <= 0 || end > pax.length || equals < 0 || equals >= end) {
                throw new LayerException("a PAX header record that is cut short, at byte " + at);
            }
            String key = new String(pax, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            if (key.startsWith(XATTR)) {
                found.put(key.substring(XATTR.length()), Arrays.copyOfRange(pax, equals + 1, end - 1));
            }
            at = end;
        }
        return found;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
