package jocker.distribution.auth;

import java.io.IOException;

/** A registry or its token server refused the credentials (or their absence): Docker's "unauthorized: …". */
public class AuthenticationException extends IOException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
