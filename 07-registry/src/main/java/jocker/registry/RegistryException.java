package jocker.registry;

import jocker.distribution.ErrorCode;

/**
 * A request the registry refuses, with the spec's code (hence its HTTP
 * status), a message for people and a detail for programs (the digest, the
 * name that was wrong). The server answers it as
 * {@code {"errors":[{"code","message","detail"}]}}.
 */
public final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;
    private final String detail;

    public RegistryException(ErrorCode code, String message, String detail) {
        super(message);
        this.code = code;
        this.detail = detail;
    }

    public RegistryException(ErrorCode code, String detail) {
        this(code, code.message(), detail);
    }

    public ErrorCode code() {
        return code;
    }

    /** What the error is about (a digest, a name), or null. */
    public String detail() {
        return detail;
    }
}
