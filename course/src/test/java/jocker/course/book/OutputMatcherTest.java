package jocker.course.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputMatcherTest {

    @Test
    void theSameOutputMatches() {
        assertThat(OutputMatcher.mismatch(List.of("sh", "3"), List.of("sh", "3"))).isEmpty();
    }

    @Test
    void aWrongLineFails() {
        assertThat(OutputMatcher.mismatch(List.of("sh", "3"), List.of("sh", "0")))
                .hasValue("  sh\n+ 0\n- 3");
    }

    @Test
    void aMissingOrExtraLineFails() {
        assertThat(OutputMatcher.matches(List.of("hi", "/tmp"), List.of("hi"))).isFalse();
        assertThat(OutputMatcher.matches(List.of("hi"), List.of("hi", "/tmp"))).isFalse();
        assertThat(OutputMatcher.matches(List.of(), List.of("jocker: no such container"))).isFalse();
    }

    @Test
    void anEditedExitStatusFails() {
        assertThat(OutputMatcher.matches(List.of("127"), List.of("126"))).isFalse();
        assertThat(OutputMatcher.matches(List.of("Exited (137) 1 second ago"), List.of("Exited (143) 1 second ago")))
                .isFalse();
    }

    @Test
    void containerIdsMayVary() {
        assertThat(OutputMatcher.matches(
                List.of("69a24b71d858", "10a96df80718cec8729f2329898e0f50e413e5bce5a843dab88102fd719e18b8"),
                List.of("520366be67df", "5175198e99d447a9ccf3ab74bff4f2c204802b1c750cb0dabf3b8b8ecc135d22"))).isTrue();
        // but not their length, nor the text around them
        assertThat(OutputMatcher.matches(List.of("69a24b71d858"), List.of("69a24b71d85"))).isFalse();
        assertThat(OutputMatcher.matches(List.of("/var/lib/jocker/containers/44c62bed489a/rootfs"),
                List.of("/var/lib/jocker/containers/44c62bed489a/rootfs/tmp"))).isFalse();
    }

    @Test
    void timesDatesAndAgesMayVary() {
        assertThat(OutputMatcher.matches(
                List.of("lrwxrwxrwx 1 root root 0 Nov 27 18:01 cgroup -> cgroup:[4026531835]",
                        "Fri Nov 27 17:56:31 UTC 2026",
                        "10a96df80718   busybox   \"sh -c while true; do…\"   5 seconds ago    Up 4 seconds    web",
                        "real\t0m11.801s",
                        "  \"Created\" : \"2026-11-27T18:28:05.906222475Z\","),
                List.of("lrwxrwxrwx 1 root root 0 Dec  1 09:15 cgroup -> cgroup:[4026532250]",
                        "Mon Nov 30 12:01:02 UTC 2026",
                        "f04058931747   busybox   \"sh -c while true; do…\"   1 minute ago   Up 59 seconds   web",
                        "real\t0m0.933s",
                        "  \"Created\" : \"2026-11-30T12:00:00Z\","))).isTrue();
        assertThat(OutputMatcher.matches(List.of("5 seconds ago    Up 4 seconds    web"),
                List.of("5 seconds ago    Exited (0) 4 seconds ago    web"))).isFalse();
        // docker images' CREATED, in Docker's words (go-units HumanDuration)
        assertThat(OutputMatcher.matches(
                List.of("hello     latest   3c1f04d9a6b2   5 seconds ago        4.3kB",
                        "busybox   latest   0b7c2e4a9f11   2 years ago          2.4MB"),
                List.of("hello     latest   77e2b0c1d3a4   About a minute ago   4.3kB",
                        "busybox   latest   0b7c2e4a9f11   Less than a second ago   2.4MB"))).isTrue();
    }

    @Test
    void sizesAndPercentagesMayVary() {
        assertThat(OutputMatcher.matches(List.of("f04058931747   spin   50.33%   536.00KiB / unlimited   1"),
                List.of("f04058931747   spin   49.80%   1.09MiB / unlimited   1"))).isTrue();
        assertThat(OutputMatcher.matches(List.of("f04058931747   spin   50.33%   536.00KiB / unlimited   1"),
                List.of("f04058931747   spin   49.80%   1.09MiB / 32.00MiB   1"))).isFalse();
    }

    @Test
    void blanksMaySqueezeButNotDisappear() {
        assertThat(OutputMatcher.matches(List.of("NSpid:\t10868\t1"), List.of("NSpid:  4242  1"))).isTrue();
        assertThat(OutputMatcher.matches(List.of("bin etc"), List.of("binetc"))).isFalse();
    }

    @Test
    void processIdsInPsOutputMayVaryButPidOneMayNot() {
        assertThat(OutputMatcher.matches(List.of("    1 root     sh", "   23 root     sleep 1"),
                List.of("    1 root     sh", "  123 root     sleep 1"))).isTrue();
        assertThat(OutputMatcher.matches(List.of("    1 root     sh"), List.of("    7 root     sh"))).isFalse();
    }

    @Test
    void anEllipsisLineMatchesAnyNumberOfLines() {
        List<String> book = List.of("Fri Nov 27 17:56:31 UTC 2026", "...");
        assertThat(OutputMatcher.matches(book, List.of("Fri Nov 27 17:56:31 UTC 2026"))).isTrue();
        assertThat(OutputMatcher.matches(book, List.of("Fri Nov 27 17:56:31 UTC 2026", "a", "b"))).isTrue();
        assertThat(OutputMatcher.matches(List.of("...", "lo", "..."), List.of("eth0", "lo", "wlan0"))).isTrue();
        assertThat(OutputMatcher.matches(List.of("...", "lo", "..."), List.of("eth0", "wlan0"))).isFalse();
    }

    @Test
    void aLineEndingInAnEllipsisMatchesAnyRest() {
        List<String> book = List.of("jocker: exercise 1.5 is not done yet: make the directories ...");
        assertThat(OutputMatcher.matches(book,
                List.of("jocker: exercise 1.5 is not done yet: make the directories a Unix system needs"))).isTrue();
        assertThat(OutputMatcher.matches(book, List.of("jocker: exercise 1.6 is not done yet: make"))).isFalse();
    }

    @Test
    void theDiffShowsBothSides() {
        String diff = OutputMatcher.mismatch(List.of("a", "b", "c"), List.of("a", "x", "c")).orElseThrow();
        assertThat(diff).isEqualTo("  a\n+ x\n- b\n  c");
    }

    @Test
    void bashReportsAKilledJobInEitherForm() {
        // Which form bash prints depends on when it notices the death: both stand for the same event.
        assertThat(OutputMatcher.matches(List.of("Killed", "137"),
                List.of("bash: line 110:  8893 Killed                  busybox sh -c 'x=a'", "137"))).isTrue();
        assertThat(OutputMatcher.matches(List.of("[1]+  Killed                  sleep 1000"),
                List.of("bash: line 187:  9509 Killed                  sleep 1000"))).isTrue();
        assertThat(OutputMatcher.matches(List.of("Killed", "137"), List.of("Terminated", "143"))).isFalse();
    }
}
