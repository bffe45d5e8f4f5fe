package jocker.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jocker.distribution.Scope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the token endpoint grants users everything asked, anyone else pull only")
class TokenPolicyTest {

    @Test
    @DisplayName("a user gets pull, push and delete as asked, and the catalog; never more than asked")
    void user() {
        assertThat(TokenPolicy.grant("alice", List.of(Scope.repository("lib/bb", "pull", "push"), Scope.catalog())))
                .containsExactly(Scope.repository("lib/bb", "pull", "push"), Scope.catalog());
        assertThat(TokenPolicy.grant("alice", List.of(Scope.repository("lib/bb", "pull"))))
                .containsExactly(Scope.repository("lib/bb", "pull"));
    }

    @Test
    @DisplayName("anonymous gets pull only, no catalog; what is refused is left out")
    void anonymous() {
        assertThat(TokenPolicy.grant(null, List.of(Scope.repository("lib/bb", "pull", "push"), Scope.catalog())))
                .containsExactly(Scope.repository("lib/bb", "pull"));
        assertThat(TokenPolicy.grant(null, List.of(Scope.repository("lib/bb", "push")))).isEmpty();
    }
}
