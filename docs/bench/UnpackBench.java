import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jocker.images.BlobStore;
import jocker.images.Descriptor;
import jocker.images.Digest;
import jocker.images.LayerImport;
import jocker.images.MediaTypes;
import jocker.images.Trees;
import jocker.unionfs.LayerStore;

/**
 * Chapter 5's benchmark, run by unpack-vs-tar.sh: the same gzip layer
 * unpacked by GNU tar -xzf (a process, as a user runs it) and by Jocker's
 * LayerImport.ensure (blob digest, gunzip, size limit, diff ID, files), in
 * alternating rounds into fresh directories of one file system.
 *
 * <pre>java -cp 'solutions/dist/target/lib/*' docs/bench/UnpackBench.java \
 *     LAYER.tar.gz DIFF_ID WORKDIR ROUNDS UNCOMPRESSED_BYTES</pre>
 */
public class UnpackBench {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        Path layer = Path.of(args[0]);
        Digest diffId = Digest.parse(args[1]);
        Path work = Path.of(args[2]);
        int rounds = Integer.parseInt(args[3]);
        long uncompressed = Long.parseLong(args[4]);

        Path root = work.resolve("jocker-root");
        BlobStore blobs = new BlobStore(root);
        Digest blob = blobs.putFile(layer, null);
        Descriptor descriptor = new Descriptor(MediaTypes.OCI_LAYER_GZIP, blob, Files.size(layer));
        LayerStore layers = new LayerStore(root);

        List<Double> tar = new ArrayList<>();
        List<Double> jocker = new ArrayList<>();
        List<Double> tarCpus = new ArrayList<>();
        List<Double> jockerCpus = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms both up and is not counted
            Path dir = Files.createDirectory(work.resolve("tar-" + round));
            sync();
            // bash's time: wall, then the CPU seconds of tar and its gzip, user and system
            Process p = new ProcessBuilder("bash", "-c", "TIMEFORMAT='%R %U %S'; time tar -xzf \"$0\" -C \"$1\"",
                    layer.toString(), dir.toString()).redirectErrorStream(true).start();
            String[] times = new String(p.getInputStream().readAllBytes()).strip().split("\\s+");
            if (p.waitFor() != 0 || times.length != 3) {
                throw new IOException("tar -xzf failed: " + String.join(" ", times));
            }
            double tarSeconds = Double.parseDouble(times[0]);
            double tarCpu = Double.parseDouble(times[1]) + Double.parseDouble(times[2]);
            Trees.delete(dir);

            sync();
            long cpu = OS.getProcessCpuTime();
            long start = System.nanoTime();
            LayerImport.ensure(root, blobs, descriptor, diffId);
            double jockerSeconds = (System.nanoTime() - start) / 1e9;
            double jockerCpu = (OS.getProcessCpuTime() - cpu) / 1e9;
            layers.delete(diffId.toString());

            System.out.printf("round %d%s: tar -xzf %6.2f s (CPU %5.2f s)   LayerImport.ensure %6.2f s (CPU %5.2f s)%n",
                    round, round == 0 ? " (warm-up)" : "", tarSeconds, tarCpu, jockerSeconds, jockerCpu);
            if (round > 0) {
                tar.add(tarSeconds);
                jocker.add(jockerSeconds);
                tarCpus.add(tarCpu);
                jockerCpus.add(jockerCpu);
            }
        }
        double mb = uncompressed / 1e6;
        double t = median(tar);
        double j = median(jocker);
        System.out.printf("layer: %.0f MB uncompressed, %.0f MB gzip; median of %d rounds:%n", mb,
                Files.size(layer) / 1e6, rounds);
        System.out.printf("  GNU tar -xzf         %6.2f s  %6.0f MB/s   CPU %5.2f s   (min %.2f, max %.2f s)%n", t, mb / t,
                median(tarCpus), Collections.min(tar), Collections.max(tar));
        System.out.printf("  Jocker LayerImport   %6.2f s  %6.0f MB/s   CPU %5.2f s   (min %.2f, max %.2f s)%n", j, mb / j,
                median(jockerCpus), Collections.min(jocker), Collections.max(jocker));
        System.out.printf("  Jocker/GNU tar time: %.2f (below 1: Jocker is faster)%n", j / t);
        Trees.delete(root);
    }

    private static void sync() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
