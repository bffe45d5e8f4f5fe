package jocker.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Just enough of the ELF format (see {@code elf(5)}) to tell a statically
 * linked program from a dynamically linked one: a dynamic one has a
 * {@code PT_INTERP} program header naming the loader ({@code ld-linux}) that
 * the kernel must run first. Inside a jail that has no loader and no libc,
 * only a static program can start.
 */
public final class Elf {

    private static final int PT_INTERP = 3;

    private Elf() {
    }

    /** True if {@code file} is a 64-bit little-endian ELF executable without an interpreter. */
    public static boolean isStaticExecutable(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer header = read(ch, 0, 64);
            if (header.getInt(0) != 0x464c457f /* "\177ELF" read little-endian */
                    || header.get(4) != 2 /* ELFCLASS64 */ || header.get(5) != 1 /* ELFDATA2LSB */) {
                return false;
            }
            long phoff = header.getLong(32);
            int phentsize = Short.toUnsignedInt(header.getShort(54));
            int phnum = Short.toUnsignedInt(header.getShort(56));
            ByteBuffer table = read(ch, phoff, phentsize * phnum);
            for (int i = 0; i < phnum; i++) {
                if (table.getInt(i * phentsize) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        }
    }

    private static ByteBuffer read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, offset + buf.position()) < 0) {
                throw new IOException("truncated ELF file");
            }
        }
        return buf.flip();
    }
}
