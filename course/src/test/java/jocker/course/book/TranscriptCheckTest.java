package jocker.course.book;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriptCheckTest {

    @Test
    void onlyAShellWithoutACommandReadsTheSessionsInput() {
        assertThat(TranscriptCheck.readsInput("unshare -m sh")).isTrue();
        assertThat(TranscriptCheck.readsInput("unshare -m --propagation private bash")).isTrue();
        assertThat(TranscriptCheck.readsInput("./jocker run busybox sh -c 'echo hi'")).isFalse();
        assertThat(TranscriptCheck.readsInput("runc run first")).isFalse();
    }

    @Test
    void exitsAreRecognised() {
        assertThat(TranscriptCheck.isExit("exit")).isTrue();
        assertThat(TranscriptCheck.isExit("umount /tmp/ov/merged; rm -rf /tmp/ov; exit")).isTrue();
        assertThat(TranscriptCheck.isExit("./jocker run busybox sh -c 'exit 3'; echo $?")).isFalse();
    }
}
