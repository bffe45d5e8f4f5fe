package jocker.build;

import static org.assertj.core.api.Assertions.assertThat;

import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** .dockerignore patterns, checked against what Docker's patternmatcher answers for the same paths. */
@DisplayName(".dockerignore")
class DockerIgnoreTest {

    @Test
    @Graded(exercise = "5.7", points = 1)
    @DisplayName("* stays in one directory, ** crosses any number, a directory's pattern covers what is in it")
    void patterns() {
        DockerIgnore ignore = DockerIgnore.parse("""
                # logs at the top only
                *.log
                **/*.tmp
                build
                docs/?.md
                src/[a-c]*.java
                """);

        assertThat(ignore.ignores("app.log")).isTrue();
        assertThat(ignore.ignores("sub/app.log")).as("* does not cross /").isFalse();
        assertThat(ignore.ignores("x.tmp")).as("**/ matches no directory too").isTrue();
        assertThat(ignore.ignores("a/b/c/x.tmp")).isTrue();
        assertThat(ignore.ignores("build")).isTrue();
        assertThat(ignore.ignores("build/out/app.jar")).as("inside an ignored directory").isTrue();
        assertThat(ignore.ignores("builder")).isFalse();
        assertThat(ignore.ignores("docs/a.md")).isTrue();
        assertThat(ignore.ignores("docs/ab.md")).isFalse();
        assertThat(ignore.ignores("src/b.java")).isTrue();
        assertThat(ignore.ignores("src/d.java")).isFalse();
        assertThat(ignore.ignores("Dockerfile")).isFalse();
    }

    @Test
    @Graded(exercise = "5.7", points = 1)
    @DisplayName("! makes an exception and the last matching line wins; /x, ./x and x/ mean x")
    void exceptionsAndCleaning() {
        DockerIgnore ignore = DockerIgnore.parse("""
                *.md
                !README.md
                README-secret.md
                /tmp/
                ./cache/../data
                docs
                !docs/keep
                """);

        assertThat(ignore.ignores("CHANGES.md")).isTrue();
        assertThat(ignore.ignores("README.md")).isFalse();
        assertThat(ignore.ignores("README-secret.md")).isTrue();
        assertThat(ignore.ignores("tmp/x")).isTrue();
        assertThat(ignore.ignores("data")).isTrue();
        assertThat(ignore.ignores("cache")).isFalse();
        assertThat(ignore.ignores("docs/other")).isTrue();
        assertThat(ignore.ignores("docs/keep")).isFalse();
        assertThat(ignore.patterns()).containsExactly("*.md", "!README.md", "README-secret.md", "tmp", "data",
                "docs", "!docs/keep");
    }

    @Test
    @DisplayName("an empty .dockerignore ignores nothing")
    void emptyIgnoresNothing() {
        assertThat(DockerIgnore.parse("\n# only a comment\n").patterns()).isEmpty();
    }
}
