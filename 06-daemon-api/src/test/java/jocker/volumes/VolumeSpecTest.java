package jocker.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jocker.course.Graded;
import jocker.volumes.VolumeSpec.Type;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 6.7: one {@code -v} parsed as Docker's parser does, a pure function. */
@DisplayName("-v [SOURCE:]DESTINATION[:MODE] (exercise 6.7)")
class VolumeSpecTest {

    @Test
    @Graded(exercise = "6.7", points = 3)
    @DisplayName("an absolute source is a bind of that host path; :ro makes it read-only; paths are cleaned")
    void binds() {
        // expect: a bind of /srv/www on /www, read-only
        assertThat(VolumeSpec.parse("/srv/www:/www:ro"))
                .isEqualTo(new VolumeSpec(Type.BIND, "/srv/www", "/www", true, false));
        assertThat(VolumeSpec.parse("/srv/www:/www:rw"))
                .isEqualTo(new VolumeSpec(Type.BIND, "/srv/www", "/www", false, false));
        assertThat(VolumeSpec.parse("/srv/./www/:/data/x/../y/"))
                .isEqualTo(new VolumeSpec(Type.BIND, "/srv/www", "/data/y", false, false));
    }

    @Test
    @Graded(exercise = "6.7", points = 3)
    @DisplayName("a name is a named volume; a destination alone, or with only a mode, is an anonymous volume")
    void volumes() {
        assertThat(VolumeSpec.parse("cache:/var/cache"))
                .isEqualTo(new VolumeSpec(Type.VOLUME, "cache", "/var/cache", false, false));
        assertThat(VolumeSpec.parse("my.data_1-x:/d:ro,nocopy"))
                .isEqualTo(new VolumeSpec(Type.VOLUME, "my.data_1-x", "/d", true, true));
        assertThat(VolumeSpec.parse("/var/lib/db"))
                .isEqualTo(new VolumeSpec(Type.ANONYMOUS, null, "/var/lib/db", false, false));
        // two parts whose second is a mode: not "source /var/lib/db, destination ro"
        assertThat(VolumeSpec.parse("/var/lib/db:ro"))
                .isEqualTo(new VolumeSpec(Type.ANONYMOUS, null, "/var/lib/db", true, false));
    }

    @Test
    @Graded(exercise = "6.7", points = 4)
    @DisplayName("empty parts, relative destinations, '/', bad modes, relative sources: refused in Docker's words")
    void refusals() {
        assertThatThrownBy(() -> VolumeSpec.parse("cache:data")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mount path must be absolute");
        assertThatThrownBy(() -> VolumeSpec.parse("/srv:www:ro")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'www' mount path must be absolute");
        assertThatThrownBy(() -> VolumeSpec.parse("/srv:/www:rx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid mode: rx");
        assertThatThrownBy(() -> VolumeSpec.parse("/srv:/www:ro,rw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid mode: ro,rw");
        for (String empty : new String[] {"", ":/www", "/srv:", "/srv::ro", "/srv:/www:", "a:/b:ro:x"}) {
            assertThatThrownBy(() -> VolumeSpec.parse(empty)).as("'%s'", empty)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid volume specification: '" + empty + "'");
        }
        assertThatThrownBy(() -> VolumeSpec.parse("/srv:/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid specification: destination can't be '/'");
        assertThatThrownBy(() -> VolumeSpec.parse("./site:/www")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("If you intended to pass a host directory, use absolute path");
    }

    @Test
    @DisplayName("text() gives back what HostConfig.Binds shows, and parses to the same spec")
    void text() {
        for (String raw : new String[] {"/srv/www:/www:ro", "cache:/c", "cache:/c:ro,nocopy", "/anon"}) {
            VolumeSpec spec = VolumeSpec.parse(raw);
            assertThat(spec.text()).isEqualTo(raw);
            assertThat(VolumeSpec.parse(spec.text())).isEqualTo(spec);
        }
    }
}
