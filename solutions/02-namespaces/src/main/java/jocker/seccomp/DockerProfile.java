package jocker.seccomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import jocker.spec.Spec;

/**
 * A seccomp profile in Docker's format, the one {@code docker run
 * --security-opt seccomp=FILE} takes (moby's {@code profiles/seccomp},
 * {@code types.go}). It is richer than the OCI spec's {@code linux.seccomp}:
 * a rule may apply only on some architectures ({@code includes.arches}),
 * only when the container holds some capabilities ({@code includes.caps}),
 * or only on a recent kernel ({@code includes.minKernel}). The engine
 * resolves those against the container ({@link jocker.seccomp.SeccompProfiles#toSpec})
 * and writes what remains into the spec.
 *
 * <pre>
 * {"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,
 *  "archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":["SCMP_ARCH_X86","SCMP_ARCH_X32"]}],
 *  "syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"},
 *              {"names":["mount"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}}]}
 * </pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class DockerProfile {

    public String defaultAction;
    public Integer defaultErrnoRet;
    /** The architectures, when no {@link #archMap} entry matches the machine's. */
    public List<String> architectures = new ArrayList<>();
    public List<ArchMap> archMap = new ArrayList<>();
    public List<Rule> syscalls = new ArrayList<>();

    /** The ABIs a filter on {@code architecture} also accepts: a 64-bit x86 kernel runs x86 and x32 programs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class ArchMap {
        public String architecture;
        public List<String> subArchitectures = new ArrayList<>();
    }

    /** One rule: {@code action} for {@code names}, when {@code includes} hold and {@code excludes} do not. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Rule {
        public String comment;
        public List<String> names = new ArrayList<>();
        public String action;
        public Integer errnoRet;
        public List<Spec.SeccompArg> args = new ArrayList<>();
        public Filter includes = new Filter();
        public Filter excludes = new Filter();
    }

    /** When a rule applies: Go's names of architectures ({@code amd64}), capabilities, a kernel version. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Filter {
        public List<String> arches = new ArrayList<>();
        public List<String> caps = new ArrayList<>();
        public String minKernel;
    }
}
