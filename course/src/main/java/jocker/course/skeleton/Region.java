package jocker.course.skeleton;

/**
 * One exercise region of a solution source file:
 *
 * <pre>
 *         // begin exercise 1.1: chroot(2) into the rootfs, then chdir(2) to "/"
 *         //   so the process stands inside the jail.
 *         ...the reference code...
 *         // end exercise 1.1
 * </pre>
 *
 * @param id      the exercise, e.g. {@code 1.1}; several regions may share one
 * @param hint    the hint, continuation lines joined with single spaces
 * @param file    the file, relative to the solution's {@code src/main}
 * @param line    the 1-based line of the begin comment
 * @param returns whether the reference code ends with a {@code return}, so the
 *                stub must return too
 */
record Region(String id, String hint, String file, int line, boolean returns) {
}
