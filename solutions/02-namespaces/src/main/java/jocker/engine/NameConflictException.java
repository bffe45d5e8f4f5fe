package jocker.engine;

/** A container name that another container has: Docker's "Conflict" (HTTP 409 in chapter 6). */
public final class NameConflictException extends IllegalStateException {

    public NameConflictException(String name, String otherId) {
        super("Conflict. The container name \"/" + name + "\" is already in use by container \"" + otherId
                + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }
}
