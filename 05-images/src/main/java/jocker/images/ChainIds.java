package jocker.images;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Exercise;

/**
 * Chain IDs, as the OCI image spec defines them: a layer's diff ID names its
 * changes alone; its chain ID names it with every layer below it, so equal
 * chain IDs mean equal root filesystems.
 *
 * <pre>
 * ChainID(L0)   = DiffID(L0)
 * ChainID(L0|…|Ln) = SHA256(ChainID(L0|…|Ln-1) + " " + DiffID(Ln))
 * </pre>
 */
public final class ChainIds {

    private ChainIds() {
    }

    // tag::chain-ids[]
    /** The chain ID of every prefix of {@code diffIds}, bottom first. */
    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> chain = new ArrayList<>();
        // Exercise 5.4: the first chain ID is the first diff ID; each next one is
        //   the SHA-256 of "<previous chain ID> <diff ID>", both in sha256:hex form.
        Exercise.todo("5.4", "the first chain ID is the first diff ID; each next one is the SHA-256 of \"<previous chain ID> <diff ID>\", both in sha256:hex form.");
        return chain;
    }
    // end::chain-ids[]
}
