package jocker.distribution.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import jocker.distribution.Scope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a scope is written TYPE:NAME:ACTIONS and read back")
class ScopeTest {

    @Test
    @DisplayName("a name with slashes, two actions; written back in a stable order")
    void repository() {
        Scope s = Scope.parse("repository:lib/deep/bb:push,pull");
        assertThat(s).isEqualTo(Scope.repository("lib/deep/bb", "pull", "push"));
        assertThat(s.toString()).isEqualTo("repository:lib/deep/bb:pull,push");
        assertThat(Scope.parse(s.toString())).isEqualTo(s);
    }

    @Test
    @DisplayName("the type ends at the first colon, the actions start after the last: a name may hold a port")
    void colonsInTheName() {
        Scope s = Scope.parse("repository:127.0.0.1:5000/lib/bb:pull");
        assertThat(s.name()).isEqualTo("127.0.0.1:5000/lib/bb");
        assertThat(s.actions()).containsExactly("pull");
        assertThat(Scope.parse("registry:catalog:*")).isEqualTo(Scope.catalog());
        assertThat(Scope.parse("repository:lib/bb:").actions()).isEqualTo(Set.of());
    }

    @Test
    @DisplayName("a scope without its three parts is refused")
    void malformed() {
        for (String bad : new String[] {"repository", "repository:lib/bb", ":lib/bb:pull", "repository::pull"}) {
            assertThatThrownBy(() -> Scope.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TYPE:NAME:ACTIONS");
        }
    }
}
