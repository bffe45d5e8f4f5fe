package jocker.cgroups;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import jocker.namespaces.InitHook;

/**
 * The init's side of chapter 3: it moves itself into the container's cgroup
 * as its very last step, so that the command, and nothing of the init JVM,
 * is counted against the limits. An 8 MiB memory limit would not even let
 * the JVM start; charged this late, it does not have to.
 *
 * <p>The parent passes one {@code --cgroup-procs=PATH} per hierarchy (v1 has
 * one per controller, v2 one in all). The files are opened before the root
 * switch, while the host's /sys/fs/cgroup is still in reach.
 */
public final class CgroupJoin implements InitHook {

    static final String ARGUMENT = "--cgroup-procs=";

    private final List<FileOutputStream> procs = new ArrayList<>();

    @Override
    public void beforeRootSwitch(List<String> args) throws IOException {
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String arg = it.next();
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith(ARGUMENT)) {
                procs.add(new FileOutputStream(arg.substring(ARGUMENT.length())));
                it.remove();
            }
        }
    }

    // tag::join[]
    @Override
    public void beforeExec() throws IOException {
        for (FileOutputStream file : procs) {
            // begin exercise 3.6: write "0" to each open cgroup.procs file (0 means "the
            //   writing process"), then close it: the init moves into the container's cgroup.
            file.write("0".getBytes(StandardCharsets.US_ASCII));
            file.close();
            // end exercise 3.6
        }
    }
    // end::join[]
}
