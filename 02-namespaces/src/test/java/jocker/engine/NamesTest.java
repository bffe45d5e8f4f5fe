package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated names: valid, and drawn from a range wide enough that parallel runs rarely meet. */
class NamesTest {

    @Test
    void generatedNamesAreValidAndVaried() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String name = Names.newName();
            Names.checkName(name);
            assertThat(name).matches("[a-z]+_[a-z]+");
            seen.add(name);
        }
        // 2000 draws from 27,594 names: about 70 repeats are expected; 256 names would give about 1,750.
        assertThat(seen).hasSizeGreaterThan(1800);
        assertThat(Names.COMBINATIONS).isGreaterThan(25_000);
    }
}
