package jocker.volumes;

/**
 * A volume operation refused: {@link #status} is the Engine API's answer
 * (404 no such volume, 409 in use), the message Docker's words.
 */
public final class VolumeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public VolumeException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static VolumeException noSuchVolume(String name) {
        return new VolumeException(404, "get " + name + ": no such volume");
    }
}
