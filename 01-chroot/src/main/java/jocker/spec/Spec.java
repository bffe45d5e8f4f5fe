package jocker.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's configuration in the format of the OCI runtime
 * specification ({@code config.md}, {@code config-linux.md}): the
 * {@code config.json} of a bundle. The engine fills it in, the runtime's init
 * reads it and nothing else. Only the fields Jocker uses are here; their
 * names are the spec's, so the file is one that {@code runc run} also takes.
 *
 * <p>Each chapter fills the fields of its concept: chapter 1 {@code root} and
 * {@code process}; chapter 2 {@code hostname}, {@code linux.namespaces},
 * {@code mounts}, {@code linux.maskedPaths}, {@code linux.readonlyPaths} and
 * {@code linux.seccomp}; chapter 3 {@code linux.resources} (its device rules too),
 * {@code linux.cgroupsPath} and {@code linux.devices}. Chapter 2's confinement adds
 * {@code process.capabilities}, {@code process.noNewPrivileges} and the user's IDs.
 * Chapter 6 adds {@code mounts} of type {@code bind}: volumes and host directories.
 *
 * <pre>
 * {"ociVersion":"1.0.2",
 *  "process":{"user":{"uid":0,"gid":0},"args":["sh","-c","echo hi"],
 *             "env":["PATH=/usr/local/sbin:…","HOME=/root"],"cwd":"/"},
 *  "root":{"path":"rootfs"},
 *  "hostname":"4f3c2a1b9d8e",
 *  "linux":{"namespaces":[{"type":"pid"},{"type":"mount"},…]}}
 * </pre>
 *
 * <p>The classes are plain mutable objects, like the Go structs of the
 * spec ({@code specs-go/config.go}): a chapter sets the fields it owns.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Spec {

    /** The version of the runtime spec this file follows. */
    public static final String OCI_VERSION = "1.0.2";

    /** The environment Docker gives a container whose image sets none. */
    public static final List<String> DEFAULT_ENV = List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME=/root");

    /** Jocker's own annotations, named as the spec asks: reverse domain notation. */
    public static final String ANNOTATION_ESCAPE = "dev.jocker.escape";
    /**
     * {@code --privileged}: every capability, no masks, /sys writable. The
     * steps that confine a container further (seccomp, devices) read it and
     * leave the container alone.
     */
    public static final String ANNOTATION_PRIVILEGED = "dev.jocker.privileged";

    public String ociVersion = OCI_VERSION;
    public Process process = new Process();
    public Root root = new Root();
    public String hostname;
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Mount> mounts = new ArrayList<>();
    public Linux linux;
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, String> annotations = new LinkedHashMap<>();

    /** {@code command} in {@code rootfs}, in {@code /}, with the default environment: chapter 1's container. */
    public static Spec of(Path rootfs, List<String> command) {
        Spec spec = new Spec();
        spec.root.path = rootfs.toString();
        spec.process.args = List.copyOf(command);
        spec.process.env = new ArrayList<>(DEFAULT_ENV);
        return spec;
    }

    public Spec withEnv(List<String> env) {
        process.env = new ArrayList<>(env);
        return this;
    }

    public Spec withCwd(String cwd) {
        process.cwd = cwd;
        return this;
    }

    /** Chapter 1's lesson: the init breaks out of its chroot before it runs the command. */
    public Spec withEscape(boolean escape) {
        if (escape) {
            annotations.put(ANNOTATION_ESCAPE, "true");
        } else {
            annotations.remove(ANNOTATION_ESCAPE);
        }
        return this;
    }

    @JsonIgnore
    public boolean privileged() {
        return "true".equals(annotations.get(ANNOTATION_PRIVILEGED));
    }

    @JsonIgnore
    public boolean escape() {
        return "true".equals(annotations.get(ANNOTATION_ESCAPE));
    }

    /** {@code linux}, made if it is not there yet: chapters 2 and 3 fill it. */
    public Linux linux() {
        if (linux == null) {
            linux = new Linux();
        }
        return linux;
    }

    /** True if the spec asks for a new namespace of this type ({@code "mount"}, {@code "pid"}…). */
    public boolean hasNamespace(String type) {
        return linux != null && linux.namespaces.stream().anyMatch(n -> n.type.equals(type) && n.path == null);
    }

    /** The value of {@code name} in the process's environment, or null; the last one wins, as in a shell. */
    public String getenv(String name) {
        String prefix = name + "=";
        String value = null;
        for (String entry : process.env) {
            if (entry.startsWith(prefix)) {
                value = entry.substring(prefix.length());
            }
        }
        return value;
    }

    /** {@code process}: what runs, as whom, where, with which environment. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Process {
        public Boolean terminal;
        public User user = new User();
        public List<String> args = new ArrayList<>();
        public List<String> env = new ArrayList<>();
        public String cwd = "/";
        public Capabilities capabilities;
        public Boolean noNewPrivileges;
    }

    /** {@code process.user}: numeric IDs, as the kernel knows users; {@code additionalGids}: setgroups(2). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class User {
        public int uid;
        public int gid;
        public List<Integer> additionalGids;
    }

    /**
     * {@code process.capabilities}: the five sets of capabilities(7), each a
     * list of names such as {@code "CAP_CHOWN"}. A set left out is empty.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Capabilities {
        public List<String> bounding;
        public List<String> effective;
        public List<String> inheritable;
        public List<String> permitted;
        public List<String> ambient;
    }

    /** {@code root}: the directory that becomes {@code /}, absolute or relative to the bundle. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Root {
        public String path = "rootfs";
        public Boolean readonly;
    }

    /** One entry of {@code mounts}: mounted in the order listed, {@code destination} inside the container. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Mount {
        public String destination;
        public String type;
        public String source;
        public List<String> options;

        public Mount() {
        }

        public Mount(String destination, String type, String source, List<String> options) {
            this.destination = destination;
            this.type = type;
            this.source = source;
            this.options = List.copyOf(options);
        }
    }

    /** {@code linux}: the Linux-specific part. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Linux {
        public List<Namespace> namespaces = new ArrayList<>();
        public Resources resources;
        public String cgroupsPath;
        public List<String> maskedPaths = new ArrayList<>();
        public List<String> readonlyPaths = new ArrayList<>();
        public Seccomp seccomp;
        public List<Device> devices = new ArrayList<>();
    }

    /** One of {@code linux.namespaces}: a new one of {@code type}, or the existing one at {@code path}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Namespace {
        public String type;
        public String path;

        public Namespace() {
        }

        public Namespace(String type) {
            this.type = type;
        }
    }

    /**
     * {@code linux.seccomp} (config-linux.md, "Seccomp"): the system call
     * filter. {@code defaultAction} for every call no rule names, such as
     * {@code SCMP_ACT_ERRNO} with {@code defaultErrnoRet} 1 (EPERM);
     * {@code architectures} the ABIs the filter accepts ({@code SCMP_ARCH_X86_64}…).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Seccomp {
        public String defaultAction;
        public Integer defaultErrnoRet;
        public List<String> architectures = new ArrayList<>();
        public List<Syscall> syscalls = new ArrayList<>();
    }

    /** One of {@code linux.seccomp.syscalls}: {@code action} for the calls {@code names} when every arg matches. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Syscall {
        public List<String> names = new ArrayList<>();
        public String action;
        public Integer errnoRet;
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public List<SeccompArg> args = new ArrayList<>();
    }

    /**
     * One condition of a rule: argument {@code index} compared with
     * {@code value} by {@code op} ({@code SCMP_CMP_EQ}…); {@code SCMP_CMP_MASKED_EQ}
     * compares {@code arg & value} with {@code valueTwo}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class SeccompArg {
        public int index;
        public long value;
        public long valueTwo;
        public String op;

        public SeccompArg() {
        }

        public SeccompArg(int index, long value, long valueTwo, String op) {
            this.index = index;
            this.value = value;
            this.valueTwo = valueTwo;
            this.op = op;
        }
    }

    /** {@code linux.resources}: what the container's cgroup limits. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Resources {
        public Memory memory;
        public Cpu cpu;
        public Pids pids;
        public List<DeviceCgroup> devices;
    }

    /** {@code linux.resources.memory}: bytes; {@code swap} is memory plus swap, -1 for no limit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Memory {
        public Long limit;
        public Long swap;
    }

    /** {@code linux.resources.cpu}: CFS quota per period, in microseconds, and the relative weight. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Cpu {
        public Long shares;
        public Long quota;
        public Long period;
    }

    /** {@code linux.resources.pids}: the most tasks at once. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Pids {
        public long limit;
    }

    /**
     * One of {@code linux.resources.devices}: a rule of the device cgroup.
     * {@code type} is {@code a} (all), {@code c} or {@code b}; a null major
     * or minor matches any; {@code access} is some of {@code r}, {@code w},
     * {@code m} (mknod). Later rules override earlier ones.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class DeviceCgroup {
        public boolean allow;
        public String type;
        public Long major;
        public Long minor;
        public String access;

        public DeviceCgroup() {
        }

        public DeviceCgroup(boolean allow, String type, Long major, Long minor, String access) {
            this.allow = allow;
            this.type = type;
            this.major = major;
            this.minor = minor;
            this.access = access;
        }
    }

    /**
     * One of {@code linux.devices}: a device node the runtime makes in the
     * container. {@code type} is {@code c} or {@code b}; {@code fileMode} the
     * permission bits.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Device {
        public String path;
        public String type;
        public long major;
        public long minor;
        public Integer fileMode;
        public Integer uid;
        public Integer gid;
    }
}
