package jocker.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import jocker.course.Graded;
import jocker.distribution.Scope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 7.6: whether the access a token grants covers what a request needs. */
@DisplayName("a token's grants cover a request's scope, or not")
class GrantsTest {

    private static final List<Scope> PULL_BB = List.of(Scope.repository("lib/bb", "pull"));

    @Test
    @Graded(exercise = "7.6", points = 3)
    @DisplayName("pull granted: a pull is covered, a push is not")
    void pullOnly() {
        assertThat(Grants.covers(PULL_BB, Scope.repository("lib/bb", "pull"))).isTrue();
        assertThat(Grants.covers(PULL_BB, Scope.repository("lib/bb", "push"))).isFalse();
        assertThat(Grants.covers(PULL_BB, Scope.repository("lib/bb", "pull", "push"))).isFalse();
        assertThat(Grants.covers(List.of(), Scope.repository("lib/bb", "pull"))).as("no grants").isFalse();
    }

    @Test
    @Graded(exercise = "7.6", points = 3)
    @DisplayName("only the same type and the very same name count: not lib/bb2, not lib, not registry:lib/bb")
    void sameResourceOnly() {
        assertThat(Grants.covers(PULL_BB, Scope.repository("lib/bb2", "pull"))).isFalse();
        assertThat(Grants.covers(PULL_BB, Scope.repository("lib", "pull"))).isFalse();
        assertThat(Grants.covers(PULL_BB, new Scope("registry", "lib/bb", Set.of("pull")))).isFalse();
    }

    @Test
    @Graded(exercise = "7.6", points = 2)
    @DisplayName("actions of several grants add up; * covers every action")
    void unionAndWildcard() {
        List<Scope> split = List.of(Scope.repository("lib/bb", "pull"), Scope.repository("other", "push"),
                Scope.repository("lib/bb", "push"));
        assertThat(Grants.covers(split, Scope.repository("lib/bb", "pull", "push"))).isTrue();
        assertThat(Grants.covers(split, Scope.repository("other", "pull", "push"))).isFalse();
        assertThat(Grants.covers(List.of(Scope.catalog()), Scope.catalog())).isTrue();
        assertThat(Grants.covers(List.of(Scope.repository("lib/bb", "*")), Scope.repository("lib/bb", "delete")))
                .isTrue();
    }

    @Test
    @Graded(exercise = "7.6", points = 1)
    @DisplayName("GET /v2/ needs no scope: any token covers it")
    void noScope() {
        assertThat(Grants.covers(List.of(), null)).isTrue();
    }
}
