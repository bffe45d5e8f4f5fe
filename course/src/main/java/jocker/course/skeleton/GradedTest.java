package jocker.course.skeleton;

/**
 * A {@code @Graded} annotation found in a chapter's test sources.
 *
 * @param exercise the exercise it names
 * @param file     the test source file, relative to the test directory
 * @param line     the 1-based line of the annotation
 */
record GradedTest(String exercise, String file, int line) {
}
