package jocker.engine;

/** No container has this name or ID. */
public class ContainerNotFoundException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ContainerNotFoundException(String ref) {
        super("no such container: " + ref);
    }
}
