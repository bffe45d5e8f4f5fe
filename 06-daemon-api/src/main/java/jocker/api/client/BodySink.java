package jocker.api.client;

import java.io.IOException;

/** Where the bytes of a response's body go as they arrive: a buffer, or a {@link FrameDemux}. */
@FunctionalInterface
interface BodySink {

    void accept(byte[] data, int offset, int length) throws IOException;
}
