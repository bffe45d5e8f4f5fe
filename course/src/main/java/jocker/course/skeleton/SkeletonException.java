package jocker.course.skeleton;

/** A solution source the generator cannot turn into a skeleton: a malformed exercise region. */
final class SkeletonException extends Exception {

    private static final long serialVersionUID = 1L;

    SkeletonException(String message) {
        super(message);
    }
}
