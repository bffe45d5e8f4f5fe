package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chain IDs as the OCI image spec defines them, checked with the JDK's own SHA-256. */
@DisplayName("Chain IDs")
class ChainIdsTest {

    static final Digest A = Digest.parse("sha256:" + "a1".repeat(32));
    static final Digest B = Digest.parse("sha256:" + "b2".repeat(32));
    static final Digest C = Digest.parse("sha256:" + "c3".repeat(32));

    static String sha(String s) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    @Graded(exercise = "5.4", points = 3)
    @DisplayName("the first chain ID is the first diff ID; each next one hashes the one below with the diff ID")
    void chain() throws Exception {
        List<Digest> chain = ChainIds.of(List.of(A, B, C));
        String ab = sha(A + " " + B);
        assertThat(chain).extracting(Digest::toString).containsExactly(A.toString(), ab, sha(ab + " " + C));
    }

    @Test
    @Graded(exercise = "5.4", points = 2)
    @DisplayName("the same layer on another base has another chain ID; no layers, no chain")
    void dependsOnWhatIsBelow() {
        assertThat(ChainIds.of(List.of(A, C)).get(1)).isNotEqualTo(ChainIds.of(List.of(B, C)).get(1));
        assertThat(ChainIds.of(List.of(C)).get(0)).isEqualTo(C);
        assertThat(ChainIds.of(List.of())).isEmpty();
    }
}
