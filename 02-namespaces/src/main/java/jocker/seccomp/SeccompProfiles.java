package jocker.seccomp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jocker.engine.StateJson;
import jocker.seccomp.DockerProfile;
import jocker.spec.Spec;

/**
 * Seccomp profiles in Docker's format ({@link DockerProfile}): Jocker's
 * default, a user's file, and how either becomes the spec's
 * {@code linux.seccomp} for one container. Docker does the same in the
 * engine ({@code profiles/seccomp/seccomp_linux.go}), so that the runtime
 * only sees plain rules.
 */
public final class SeccompProfiles {

    /** Jocker's default profile, a resource of chapter 2: Docker's allowlist, written out. */
    public static final String DEFAULT_RESOURCE = "/jocker/seccomp/default.json";

    /**
     * The capabilities Docker leaves a container by default
     * ({@code oci/caps/defaults.go}). The profile allows what these
     * capabilities need and refuses what only others would allow.
     */
    public static final Set<String> DEFAULT_CAPABILITIES = Set.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
            "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SYS_CHROOT", "CAP_MKNOD", "CAP_AUDIT_WRITE",
            "CAP_SETFCAP");

    static final Set<String> ACTIONS = Set.of("SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_KILL_PROCESS",
            "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_LOG", "SCMP_ACT_ALLOW");
    static final Set<String> OPERATORS = Set.of("SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
            "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ");

    /** jackson-jr: {@code run} reads the default profile every time, and databind would build a reader for it. */
    private static final JSON READER = StateJson.JSON;

    private SeccompProfiles() {
    }

    /** Jocker's default profile. */
    public static DockerProfile loadDefault() {
        try (InputStream in = SeccompProfiles.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default seccomp profile " + DEFAULT_RESOURCE
                        + " is not on the class path");
            }
            return checked(READER.beanFrom(DockerProfile.class, in), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("the default seccomp profile: " + e.getMessage(), e);
        }
    }

    /** A profile file, as {@code --security-opt seccomp=FILE} names it; refused with one line that says why. */
    public static DockerProfile load(Path file) {
        try {
            return checked(READER.beanFrom(DockerProfile.class, Files.readAllBytes(file)), file.toString());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("seccomp profile " + file + " is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("seccomp profile " + file + " cannot be read: " + e);
        }
    }

    /** The profile, if its actions and operators are ones the kernel knows; a JSON null is an empty list. */
    static DockerProfile checked(DockerProfile p, String where) {
        p.architectures = orEmpty(p.architectures);
        p.archMap = orEmpty(p.archMap);
        p.syscalls = orEmpty(p.syscalls);
        if (p.defaultAction == null || !ACTIONS.contains(p.defaultAction)) {
            throw new IllegalArgumentException("seccomp profile " + where + ": defaultAction must be one of "
                    + ACTIONS + ", not " + p.defaultAction);
        }
        for (DockerProfile.Rule rule : p.syscalls) {
            rule.names = orEmpty(rule.names);
            rule.args = orEmpty(rule.args);
            rule.includes = filter(rule.includes);
            rule.excludes = filter(rule.excludes);
            if (rule.names.isEmpty() || rule.action == null || !ACTIONS.contains(rule.action)) {
                throw new IllegalArgumentException("seccomp profile " + where + ": the rule for " + rule.names
                        + " needs names and an action of " + ACTIONS + ", not " + rule.action);
            }
            for (Spec.SeccompArg arg : rule.args) {
                if (arg.index < 0 || arg.index > 5 || !OPERATORS.contains(arg.op)) {
                    throw new IllegalArgumentException("seccomp profile " + where + ": an argument of " + rule.names
                            + " needs an index 0 to 5 and an op of " + OPERATORS + ", not " + arg.index
                            + " and " + arg.op);
                }
            }
        }
        return p;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }

    private static DockerProfile.Filter filter(DockerProfile.Filter f) {
        DockerProfile.Filter filter = f == null ? new DockerProfile.Filter() : f;
        filter.arches = orEmpty(filter.arches);
        filter.caps = orEmpty(filter.caps);
        return filter;
    }

    /** {@code linux.seccomp} for a container on this machine that holds {@code capabilities}. */
    public static Spec.Seccomp toSpec(DockerProfile profile, Set<String> capabilities) {
        return toSpec(profile, capabilities, goArch(System.getProperty("os.arch")), System.getProperty("os.version"));
    }

    /**
     * {@code linux.seccomp} for a container on {@code arch} (Go's name:
     * {@code amd64}, {@code arm64}) and kernel {@code kernelRelease} that
     * holds {@code capabilities}: the rules whose conditions hold, without
     * their conditions. As Docker decides: a rule applies if the container
     * has every capability of {@code includes.caps}, none of
     * {@code excludes.caps}, runs on one of {@code includes.arches} (if
     * any) and none of {@code excludes.arches}, on at least
     * {@code includes.minKernel}.
     */
    public static Spec.Seccomp toSpec(DockerProfile profile, Set<String> capabilities, String arch,
                                      String kernelRelease) {
        Spec.Seccomp seccomp = new Spec.Seccomp();
        seccomp.defaultAction = profile.defaultAction;
        seccomp.defaultErrnoRet = profile.defaultErrnoRet;
        seccomp.architectures = architectures(profile, arch);
        for (DockerProfile.Rule rule : profile.syscalls) {
            if (applies(rule, capabilities, arch, kernelRelease)) {
                Spec.Syscall s = new Spec.Syscall();
                s.names = new ArrayList<>(rule.names);
                s.action = rule.action;
                s.errnoRet = rule.errnoRet;
                s.args = new ArrayList<>(rule.args);
                seccomp.syscalls.add(s);
            }
        }
        return seccomp;
    }

    static boolean applies(DockerProfile.Rule rule, Set<String> caps, String arch, String kernelRelease) {
        DockerProfile.Filter in = rule.includes;
        DockerProfile.Filter ex = rule.excludes;
        return (in.arches.isEmpty() || in.arches.contains(arch))
                && !ex.arches.contains(arch)
                && caps.containsAll(in.caps)
                && ex.caps.stream().noneMatch(caps::contains)
                && (in.minKernel == null || atLeast(kernelRelease, in.minKernel));
    }

    /** The machine's architecture and the ones that run on it, from {@code archMap}, else {@code architectures}. */
    static List<String> architectures(DockerProfile profile, String arch) {
        String mine = switch (arch) {
            case "amd64" -> "SCMP_ARCH_X86_64";
            case "arm64" -> "SCMP_ARCH_AARCH64";
            default -> "SCMP_ARCH_" + arch.toUpperCase();
        };
        for (DockerProfile.ArchMap m : profile.archMap) {
            if (mine.equals(m.architecture)) {
                List<String> all = new ArrayList<>(List.of(m.architecture));
                all.addAll(m.subArchitectures);
                return all;
            }
        }
        return new ArrayList<>(profile.architectures);
    }

    /** Go's name of a Java {@code os.arch}. */
    static String goArch(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> javaArch;
        };
    }

    /** Whether kernel release {@code release} ({@code 6.1.0-13-amd64}) is {@code min} ({@code 4.8}) or later. */
    static boolean atLeast(String release, String min) {
        int[] have = version(release);
        int[] need = version(min);
        return have[0] != need[0] ? have[0] > need[0] : have[1] >= need[1];
    }

    private static int[] version(String s) {
        String[] parts = s.split("[.-]");
        return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
    }
}
