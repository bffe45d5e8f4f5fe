package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Docker's rules for {@code User} and {@code -u}, against passwd and group files as an image has them. */
@DisplayName("Looking a user up in an image's /etc/passwd and /etc/group")
class ImageUserTest {

    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            # a comment, and a line that is no entry
            broken:x:notanumber:1::/:/bin/sh
            app:x:1000:1000:The app:/home/app:/bin/sh
            web:x:33:33:www:/var/www:/bin/false
            twin:x:1000:2000:same UID, later:/twin:/bin/sh
            """;
    private static final String GROUP = """
            root:x:0:
            app:x:1000:
            staff:x:50:web,app
            audio:x:29:app
            video:x:44:someone
            www-data:x:33:
            """;

    private static ImageUser lookup(String user) {
        return ImageUser.lookup(user, ImageUser.passwd(PASSWD), ImageUser.groups(GROUP));
    }

    @Test
    @Graded(exercise = "5.9", points = 2)
    @DisplayName("a name is its passwd entry: UID, GID and home; the first entry of a UID wins")
    void nameIsItsEntry() {
        assertThat(lookup("app")).isEqualTo(new ImageUser(1000, 1000, List.of(50, 29), "/home/app"));
        assertThat(lookup("1000")).as("UID 1000: app's entry, the first of two")
                .isEqualTo(new ImageUser(1000, 1000, List.of(50, 29), "/home/app"));
        assertThat(lookup("web").home()).isEqualTo("/var/www");
        assertThat(lookup("")).as("no User: root, as passwd has it").isEqualTo(new ImageUser(0, 0, List.of(), "/root"));
    }

    @Test
    @Graded(exercise = "5.9", points = 2)
    @DisplayName("supplementary groups: every group that lists the user by name, none with an explicit group")
    void supplementaryGroups() {
        assertThat(lookup("web").additionalGids()).containsExactly(50);
        assertThat(lookup("app").additionalGids()).containsExactly(50, 29);
        assertThat(lookup("app:video")).isEqualTo(new ImageUser(1000, 44, List.of(), "/home/app"));
        assertThat(lookup("app:7")).isEqualTo(new ImageUser(1000, 7, List.of(), "/home/app"));
    }

    @Test
    @Graded(exercise = "5.9", points = 1)
    @DisplayName("a UID or GID that no entry has is valid as a number: group 0 and home / unless given")
    void numbersNeedNoEntry() {
        assertThat(lookup("4242")).isEqualTo(new ImageUser(4242, 0, List.of(), "/"));
        assertThat(lookup("4242:4343")).isEqualTo(new ImageUser(4242, 4343, List.of(), "/"));
        assertThat(lookup("4242:staff")).isEqualTo(new ImageUser(4242, 50, List.of(), "/"));
        assertThat(ImageUser.lookup("0", List.of(), List.of())).as("no passwd at all")
                .isEqualTo(new ImageUser(0, 0, List.of(), "/"));
    }

    @Test
    @Graded(exercise = "5.9", points = 1)
    @DisplayName("a name the image does not have is refused with Docker's message")
    void unknownNames() {
        assertThatThrownBy(() -> lookup("nosuch")).isInstanceOf(ImageException.class)
                .hasMessage("unable to find user nosuch: no matching entries in passwd file");
        assertThatThrownBy(() -> lookup("broken")).as("a line with a bad UID is no entry")
                .hasMessageContaining("unable to find user broken");
        assertThatThrownBy(() -> lookup("app:nosuch")).isInstanceOf(ImageException.class)
                .hasMessage("unable to find group nosuch: no matching entries in group file");
        assertThatThrownBy(() -> ImageUser.lookup("app", List.of(), List.of()))
                .as("an image without /etc/passwd").hasMessageContaining("unable to find user app");
        assertThatThrownBy(() -> lookup("-1")).isInstanceOf(ImageException.class);
    }
}
