package jocker.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the container's init needs to know, passed to it as command-line
 * arguments: the init's own standard input, output and error belong to the
 * container, and its environment is not the container's.
 *
 * <pre>
 * --rootfs=/var/lib/jocker/containers/1f2e…/rootfs --root-switch=chroot --workdir=/
 *     --env=PATH=/usr/bin:/bin --env=HOME=/root -- sh -c 'echo $0'
 * </pre>
 *
 * @param rootfs     the directory that becomes {@code /}
 * @param rootSwitch how to enter it: a {@link RootSwitch} name
 * @param workdir    the command's working directory, inside the rootfs
 * @param env        the command's environment, {@code KEY=VALUE} each
 * @param command    the program and its arguments; the program is looked up in the container's PATH
 * @param escape     break out of the jail before running the command (chapter 1's lesson)
 */
public record InitConfig(Path rootfs, String rootSwitch, String workdir, List<String> env,
                         List<String> command, boolean escape) {

    /** The environment Docker gives a container whose image sets none. */
    public static final List<String> DEFAULT_ENV = List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME=/root");

    public InitConfig {
        env = List.copyOf(env);
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        if (!workdir.startsWith("/")) {
            throw new IllegalArgumentException("the working directory must be an absolute path: " + workdir);
        }
    }

    /** {@code command} in {@code rootfs}, entered with chroot, in {@code /}, with the default environment. */
    public static InitConfig of(Path rootfs, List<String> command) {
        return new InitConfig(rootfs, "chroot", "/", DEFAULT_ENV, command, false);
    }

    public InitConfig withRootSwitch(String name) {
        return new InitConfig(rootfs, name, workdir, env, command, escape);
    }

    public InitConfig withWorkdir(String dir) {
        return new InitConfig(rootfs, rootSwitch, dir, env, command, escape);
    }

    public InitConfig withEnv(List<String> variables) {
        return new InitConfig(rootfs, rootSwitch, workdir, variables, command, escape);
    }

    public InitConfig withEscape(boolean breakOut) {
        return new InitConfig(rootfs, rootSwitch, workdir, env, command, breakOut);
    }

    /** The value of {@code name} in the container's environment, or null. */
    public String getenv(String name) {
        String prefix = name + "=";
        String value = null;
        for (String entry : env) {
            if (entry.startsWith(prefix)) {
                value = entry.substring(prefix.length()); // the last one wins, as in a shell
            }
        }
        return value;
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        args.add("--rootfs=" + rootfs);
        args.add("--root-switch=" + rootSwitch);
        args.add("--workdir=" + workdir);
        for (String e : env) {
            args.add("--env=" + e);
        }
        if (escape) {
            args.add("--escape");
        }
        args.add("--");
        args.addAll(command);
        return args;
    }

    public static InitConfig parse(String[] args) {
        Path rootfs = null;
        String rootSwitch = "chroot";
        String workdir = "/";
        List<String> env = new ArrayList<>();
        boolean escape = false;
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            String a = args[i];
            if (a.startsWith("--rootfs=")) {
                rootfs = Path.of(value(a));
            } else if (a.startsWith("--root-switch=")) {
                rootSwitch = value(a);
            } else if (a.startsWith("--workdir=")) {
                workdir = value(a);
            } else if (a.startsWith("--env=")) {
                env.add(value(a));
            } else if (a.equals("--escape")) {
                escape = true;
            } else {
                throw new IllegalArgumentException("unknown init argument: " + a);
            }
        }
        if (rootfs == null) {
            throw new IllegalArgumentException("missing --rootfs");
        }
        List<String> command = i < args.length ? List.of(args).subList(i + 1, args.length) : List.of();
        return new InitConfig(rootfs, rootSwitch, workdir, env, command, escape);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
