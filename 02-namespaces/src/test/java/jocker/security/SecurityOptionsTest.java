package jocker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The options of confinement, parsed as Docker parses them (no container is started). */
@DisplayName("Confinement options: names, users, security options")
class SecurityOptionsTest {

    @Test
    @DisplayName("capability names with or without CAP_, in any case, mean the same capability")
    void namesAreNormalized() {
        assertThat(Capabilities.normalize(List.of("net_admin", "CAP_SYS_TIME", "Sys_Time", "all")))
                .containsExactly("CAP_NET_ADMIN", "CAP_SYS_TIME", "ALL");
    }

    @Test
    @DisplayName("an unknown capability is refused with its name")
    void unknownCapability() {
        assertThatThrownBy(() -> new Confinement(null, List.of("CAP_FLY"), List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown capability: \"CAP_FLY\"");
    }

    @Test
    @DisplayName("Docker's rules: default, minus drops, plus adds; ALL on either side; --privileged is everything")
    void dockerRules() {
        assertThat(Capabilities.resolve(List.of(), List.of(), false, 40)).hasSize(14)
                .containsExactlyInAnyOrderElementsOf(Capabilities.DOCKER_DEFAULT);
        assertThat(Capabilities.mask(Capabilities.resolve(List.of(), List.of(), false, 40), 40))
                .isEqualTo(0xa80425fbL);
        assertThat(Capabilities.resolve(List.of("NET_BIND_SERVICE"), List.of("ALL"), false, 40))
                .containsExactly("CAP_NET_BIND_SERVICE");
        assertThat(Capabilities.resolve(List.of("ALL"), List.of("SYS_ADMIN"), false, 40)).hasSize(40)
                .doesNotContain("CAP_SYS_ADMIN");
        assertThat(Capabilities.resolve(List.of("SYS_TIME"), List.of("CHOWN"), false, 40))
                .contains("CAP_SYS_TIME").doesNotContain("CAP_CHOWN").hasSize(14);
        assertThat(Capabilities.resolve(List.of(), List.of("ALL"), true, 37)).hasSize(38);
    }

    @Test
    @DisplayName("-u takes UID or UID:GID, numbers only")
    void users() {
        assertThat(UserIds.parse("1000")).isEqualTo(new UserIds(1000, 0));
        assertThat(UserIds.parse("1000:100")).isEqualTo(new UserIds(1000, 100));
        for (String bad : List.of("bob", "1000:", ":1", "1:2:3", "-1", "")) {
            assertThatThrownBy(() -> UserIds.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("--security-opt knows no-new-privileges and passes seccomp= on; anything else is refused")
    void securityOpt() {
        assertThat(SecurityOpts.parse(List.of("no-new-privileges")).noNewPrivileges()).isTrue();
        assertThat(SecurityOpts.parse(List.of("no-new-privileges=true")).noNewPrivileges()).isTrue();
        assertThat(SecurityOpts.parse(List.of("no-new-privileges=false")).noNewPrivileges()).isFalse();
        SecurityOpts seccomp = SecurityOpts.parse(List.of("seccomp=/etc/profile.json"));
        assertThat(seccomp.seccomp()).isEqualTo("/etc/profile.json");
        assertThat(seccomp.noNewPrivileges()).isFalse();
        assertThatThrownBy(() -> SecurityOpts.parse(List.of("apparmor=unconfined")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apparmor=unconfined");
    }
}
