package jocker.images;

/** An image that is not there or cannot be made; the message says what to do. */
public class ImageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }
}
