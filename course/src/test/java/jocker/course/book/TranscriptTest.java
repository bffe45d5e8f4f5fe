package jocker.course.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    @Test
    void commandsAndTheirOutput() {
        Transcript transcript = Transcript.parse(List.of(
                "# ./jocker run busybox sh -c 'echo $0; exit 3'; echo $?",
                "sh",
                "3",
                "# ls /",
                "#",
                "# true"));
        assertThat(transcript.commands())
                .containsExactly("./jocker run busybox sh -c 'echo $0; exit 3'; echo $?", "ls /", "", "true");
        assertThat(transcript.steps().get(0).output()).containsExactly("sh", "3");
        assertThat(transcript.steps().get(1).output()).isEmpty();
        assertThat(transcript.steps().get(3).line()).isEqualTo(5);
    }

    @Test
    void backslashesAndOpenQuotesContinueACommand() {
        Transcript transcript = Transcript.parse(List.of(
                "# ./mvnw -q -pl 01-chroot verify \\",
                "      -Dtest=ChrootJailTest",
                "# ./jocker run --rm busybox sh -c 'wc -c < /proc/keys",
                "# this line is inside the quotes",
                "      echo \"done\"'",
                "0",
                "# echo \"a \\\" b",
                "c\" # it's a comment",
                "a \" b"));
        assertThat(transcript.steps()).hasSize(3);
        assertThat(transcript.steps().get(0).commandLines()).hasSize(2);
        assertThat(transcript.steps().get(1).commandLines()).hasSize(3);
        assertThat(transcript.steps().get(1).output()).containsExactly("0");
        assertThat(transcript.steps().get(2).command()).isEqualTo("echo \"a \\\" b\nc\" # it's a comment");
        assertThat(transcript.steps().get(2).output()).containsExactly("a \" b");
    }

    @Test
    void hereDocumentsGoOnToTheirDelimiter() {
        Transcript transcript = Transcript.parse(List.of(
                "# cat > Dockerfile <<'EOF'",
                "FROM busybox",
                "# a comment of the Dockerfile, not a command",
                "CMD [\"echo\", \"it's\"]",
                "EOF",
                "# cat <<-END | wc -l; echo '<<NOT'",
                "\tone",
                "\tEND",
                "1",
                "<<NOT",
                "# echo <<< here; echo \"<<x\"",
                "here",
                "<<x"));
        assertThat(transcript.steps()).hasSize(3);
        assertThat(transcript.steps().get(0).commandLines()).hasSize(5);
        assertThat(transcript.steps().get(0).output()).isEmpty();
        assertThat(transcript.steps().get(1).commandLines()).hasSize(3);
        assertThat(transcript.steps().get(1).output()).containsExactly("1", "<<NOT");
        assertThat(transcript.steps().get(2).output()).containsExactly("here", "<<x");
        assertThatThrownBy(() -> Transcript.parse(List.of("# cat <<EOF", "no end")))
                .hasMessageContaining("unfinished");
    }

    @Test
    void outputBeforeAnyCommandOrAnUnfinishedCommandIsAnError() {
        assertThatThrownBy(() -> Transcript.parse(List.of("output", "# ls")))
                .hasMessageContaining("line 1 comes before any command");
        assertThatThrownBy(() -> Transcript.parse(List.of("# echo 'open")))
                .hasMessageContaining("unfinished");
    }
}
