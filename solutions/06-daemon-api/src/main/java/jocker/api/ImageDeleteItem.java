package jocker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of {@code DELETE /images/{name}} and of a prune:
 * {@code {"Untagged":"x:1"}} or {@code {"Deleted":"sha256:…"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageDeleteItem(@JsonProperty("Untagged") String untagged, @JsonProperty("Deleted") String deleted) {

    /** The item of one of chapter 5's lines, {@code Untagged: x:1} or {@code Deleted: sha256:…}. */
    public static ImageDeleteItem of(String line) {
        int colon = line.indexOf(": ");
        String what = line.substring(colon + 2);
        return line.startsWith("Untagged") ? new ImageDeleteItem(what, null) : new ImageDeleteItem(null, what);
    }
}
