package jocker.registry.auth;

/** A bearer token the registry refuses: badly formed, signed by someone else, expired, or for another service. */
public class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(message);
    }
}
