package jocker.chroot;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import jocker.runtime.Init;
import jocker.runtime.InitContext;
import jocker.runtime.InitStep;
import jocker.runtime.Phase;

/**
 * Test support: the init up to its root switch, then a report from inside the
 * jail in place of the command. The tests of exercise 1.1 run it, so that
 * they look at the jail before exercise 1.2 (execve) exists: what a process
 * standing in it sees is a property of chroot(2), whatever program it runs.
 *
 * <pre>
 * JailProbe &lt;bundle&gt; [cat &lt;file&gt;] [exists &lt;path&gt;] [wait]
 * </pre>
 *
 * <p>{@code cat} prints a file's text, {@code exists} prints
 * {@code visible} or {@code hidden}, {@code wait} prints {@code ready} and
 * waits for stdin to close (as {@link jocker.course.RunningContainer} expects);
 * then it exits 0. A failed step exits as the init does (125 and a message).
 * After the root switch the host's class path is out of reach: this class
 * uses only itself and the JDK there.
 */
public final class JailProbe {

    private JailProbe() {
    }

    public static void main(String[] args) {
        Init.runAsInit(() -> {
            InitContext context = Init.context(new String[] {args[0]}, 0);
            for (InitStep step : InitStep.all()) {
                if (step.phase().compareTo(Phase.EXEC) < 0) {
                    step.run(context);
                }
            }
            report(args, System.out, System.in);
        });
    }

    private static void report(String[] args, PrintStream out, InputStream in) throws IOException {
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "cat" -> out.print(Files.readString(Path.of(args[++i])));
                case "exists" -> out.println(Files.exists(Path.of(args[++i])) ? "visible" : "hidden");
                case "wait" -> {
                    out.println("ready");
                    out.flush();
                    while (in.read() >= 0) {
                        // until stdin closes
                    }
                }
                default -> throw new IllegalArgumentException("JailProbe: unknown request " + args[i]);
            }
        }
        out.flush();
        Runtime.getRuntime().halt(0);
    }
}
