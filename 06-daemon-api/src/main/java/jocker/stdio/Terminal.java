package jocker.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import jocker.linux.Terminals;

/**
 * The master of a container's pseudo-terminal (or an exec's), in the process
 * that relays it: what it reads is what the container wrote, what it writes
 * the container reads as typed.
 */
public final class Terminal implements AutoCloseable {

    private final int master;
    private volatile boolean closed;

    private Terminal(int master) {
        this.master = master;
    }

    /**
     * The parent's half of {@link TerminalStep}'s handshake: reads the
     * master's number from the init's stdout, copies the descriptor, and lets
     * the init go on. Null when the init ended (or failed) before it said one.
     */
    public static Terminal take(Process init) throws IOException {
        InputStream said = init.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = said.read(); b != '\n'; b = said.read()) {
            if (b < 0) {
                return null;
            }
            line.append((char) b);
        }
        if (!line.toString().startsWith(TerminalStep.HANDSHAKE)) {
            throw new IOException("the init said '" + line + "', not which descriptor is its terminal");
        }
        int fd = Integer.parseInt(line.substring(TerminalStep.HANDSHAKE.length()).strip());
        Terminal terminal = new Terminal(Terminals.copyDescriptor(init.pid(), fd));
        try (OutputStream go = init.getOutputStream()) {
            go.write("\n".getBytes(StandardCharsets.US_ASCII));
        }
        return terminal;
    }

    /** What the container writes; ends when every process that had the slave open has closed it. */
    public InputStream output() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                byte[] chunk = new byte[length];
                int n;
                do {
                    n = closed ? -1 : Terminals.read(master, chunk);
                } while (n == 0);
                if (n > 0) {
                    System.arraycopy(chunk, 0, buffer, offset, n);
                }
                return n;
            }
        };
    }

    /** What the container reads from its terminal. */
    public OutputStream input() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                if (closed) {
                    throw new IOException("the container's terminal is closed");
                }
                Terminals.write(master, java.util.Arrays.copyOfRange(data, offset, offset + length), length);
            }
        };
    }

    public void resize(int rows, int columns) {
        Terminals.setWindowSize(master, rows, columns);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            Terminals.close(master);
        }
    }
}
