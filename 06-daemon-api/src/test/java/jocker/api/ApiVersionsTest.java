package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jocker.course.Graded;
import org.junit.jupiter.api.Test;

class ApiVersionsTest {

    @Test
    @Graded(exercise = "6.2", points = 2)
    void aVersionPrefixIsSplitOff() {
        assertThat(ApiVersions.strip("/v1.41/containers/json"))
                .isEqualTo(new ApiVersions.Versioned("1.41", "/containers/json"));
        assertThat(ApiVersions.strip("/v1.32/images/lib/bb:1/json"))
                .isEqualTo(new ApiVersions.Versioned("1.32", "/images/lib/bb:1/json"));
        assertThat(ApiVersions.strip("/v1.24/_ping")).isEqualTo(new ApiVersions.Versioned("1.24", "/_ping"));
    }

    @Test
    @Graded(exercise = "6.2", points = 2)
    void noPrefixIsTheCurrentVersion() {
        assertThat(ApiVersions.strip("/containers/json"))
                .isEqualTo(new ApiVersions.Versioned(ApiVersions.CURRENT, "/containers/json"));
        // a first segment that only starts with v is a path, not a version
        assertThat(ApiVersions.strip("/volumes/create"))
                .isEqualTo(new ApiVersions.Versioned(ApiVersions.CURRENT, "/volumes/create"));
    }

    @Test
    @Graded(exercise = "6.2", points = 2)
    void versionsOutsideTheRangeAreRefusedWith400() {
        assertThatThrownBy(() -> ApiVersions.strip("/v1.12/version"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("too old").hasMessageContaining("1.24");
        assertThatThrownBy(() -> ApiVersions.strip("/v1.99/version"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("too new");
        // 1.9 is older than 1.24, though "1.9" > "1.24" as text
        assertThatThrownBy(() -> ApiVersions.strip("/v1.9/version")).hasMessageContaining("too old");
    }
}
