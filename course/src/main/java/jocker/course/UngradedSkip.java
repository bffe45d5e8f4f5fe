package jocker.course;

/**
 * A test that earns no points and did not run on this machine, with the
 * reason: the grade shows it, so that a machine's missing feature (a cgroup v2
 * host, a compiler) is never silent.
 *
 * @param testClass   the test class's simple name
 * @param method      the test method's name, or null when the whole class was skipped
 * @param displayName what the test report calls it: the method's, or the class's when the class was skipped
 * @param reason      why it was skipped
 */
public record UngradedSkip(String testClass, String method, String displayName, String reason) {
}
