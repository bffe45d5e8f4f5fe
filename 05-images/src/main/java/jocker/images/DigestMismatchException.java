package jocker.images;

/** Bytes that are not what their digest says: refused on write, detected on read. */
public class DigestMismatchException extends ImageException {

    private static final long serialVersionUID = 1L;

    private final transient Digest expected;
    private final transient Digest actual;

    public DigestMismatchException(String what, Digest expected, Digest actual) {
        super(what + ": digest mismatch: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
