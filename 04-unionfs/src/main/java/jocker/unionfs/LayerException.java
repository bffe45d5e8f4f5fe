package jocker.unionfs;

import java.io.IOException;

/** A layer that cannot be used: a malformed tar, an entry that would land outside its layer, a missing layer. */
public class LayerException extends IOException {

    public LayerException(String message) {
        super(message);
    }
}
