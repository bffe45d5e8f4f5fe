package jocker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Environment replacement, as the Dockerfile reference describes it, one rule per test. */
@DisplayName("Dockerfile variable substitution")
class SubstitutionTest {

    private static final Map<String, String> ENV = Map.of("NAME", "jocker", "EMPTY", "", "DIR", "/srv/app");

    @Test
    @Graded(exercise = "5.7", points = 1)
    @DisplayName("$NAME and ${NAME} expand; a name that is not set expands to nothing")
    void plainVariables() {
        assertThat(Substitution.expand("$NAME", ENV)).isEqualTo("jocker");
        assertThat(Substitution.expand("${NAME}", ENV)).isEqualTo("jocker");
        assertThat(Substitution.expand("${DIR}/bin:$NAME-x", ENV)).isEqualTo("/srv/app/bin:jocker-x");
        assertThat(Substitution.expand("a${NAME}b", ENV)).isEqualTo("ajockerb");
        assertThat(Substitution.expand("[$UNSET]", ENV)).isEqualTo("[]");
        assertThat(Substitution.expand("cost: 5$", ENV)).as("a '$' with no name after it").isEqualTo("cost: 5$");
    }

    @Test
    @Graded(exercise = "5.7", points = 1)
    @DisplayName("${NAME:-word} replaces an unset or empty NAME; ${NAME:+word} replaces a set one")
    void modifiers() {
        assertThat(Substitution.expand("${NAME:-x}", ENV)).isEqualTo("jocker");
        assertThat(Substitution.expand("${EMPTY:-x}", ENV)).isEqualTo("x");
        assertThat(Substitution.expand("${UNSET:-x}", ENV)).isEqualTo("x");
        assertThat(Substitution.expand("${UNSET:-$DIR/etc}", ENV)).as("the word is expanded too")
                .isEqualTo("/srv/app/etc");
        assertThat(Substitution.expand("${NAME:+set}", ENV)).isEqualTo("set");
        assertThat(Substitution.expand("${EMPTY:+set}", ENV)).isEmpty();
        assertThat(Substitution.expand("${UNSET:+set}", ENV)).isEmpty();
        assertThatThrownBy(() -> Substitution.expand("${NAME", ENV)).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("${NAME");
    }

    @Test
    @Graded(exercise = "5.7", points = 1)
    @DisplayName("quotes and escapes: '$X' and \\$X stay literal, \"$X\" expands, and the quotes go")
    void quotesAndEscapes() {
        assertThat(Substitution.expand("'$NAME'", ENV)).isEqualTo("$NAME");
        assertThat(Substitution.expand("\\$NAME", ENV)).isEqualTo("$NAME");
        assertThat(Substitution.expand("\"hello $NAME\"", ENV)).isEqualTo("hello jocker");
        assertThat(Substitution.expand("\"a \\\"b\\\" \\$NAME\"", ENV)).isEqualTo("a \"b\" $NAME");
        assertThat(Substitution.expand("`$NAME-$NAME", ENV, '`')).as("with # escape=`").isEqualTo("$NAME-jocker");
        assertThat(Substitution.expand("C:\\dir\\$NAME", ENV, '`')).as("\\ is plain with # escape=`")
                .isEqualTo("C:\\dir\\jocker");
    }

    @Test
    @DisplayName("words keep their quotes for the substitution to remove: a=\"x y\" b=2 is two words")
    void wordsSplitOutsideQuotes() {
        assertThat(Words.split("a=\"x y\" b='1 2'  c=d\\ e", '\\'))
                .containsExactly("a=\"x y\"", "b='1 2'", "c=d\\ e");
        assertThat(Words.split("", '\\')).isEqualTo(List.of());
    }
}
