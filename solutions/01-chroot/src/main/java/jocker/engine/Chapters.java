package jocker.engine;

/**
 * How far the engine goes: {@code jocker --chapter N} leaves out the
 * features of later chapters, so that a student sees the system as chapter N
 * left it. The value travels as a system property, to this JVM's engine and
 * to the shims it starts.
 */
public final class Chapters {

    /** The system property that holds the chapter. */
    public static final String PROPERTY = "jocker.chapter";

    private Chapters() {
    }

    /** The last chapter whose features are on: {@code --chapter}, or all of them. */
    public static int upTo() {
        return Integer.getInteger(PROPERTY, Integer.MAX_VALUE);
    }
}
