package jocker.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.volumes.VolumeStore;
import picocli.CommandLine.Model.CommandSpec;

/** What chapter 6's volume commands share: the store, and Docker's {@code key=value} labels. */
final class VolumeCli {

    private VolumeCli() {
    }

    /** The volumes of the state directory; the command is {@code jocker volume X}, the root Jocker. */
    static VolumeStore volumes(CommandSpec spec) {
        Jocker jocker = (Jocker) spec.root().userObject();
        return new VolumeStore(jocker.root());
    }

    /** {@code --label a=b} (a label without {@code =} has an empty value, as Docker's). */
    static Map<String, String> labels(List<String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            out.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        return out;
    }
}
