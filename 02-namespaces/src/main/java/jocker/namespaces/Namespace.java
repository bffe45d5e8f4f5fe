package jocker.namespaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import jocker.spec.Spec;

/**
 * The namespaces a container gets, each a kernel object that gives the
 * processes in it their own copy of one global resource ({@code namespaces(7)}).
 * The user namespace is missing: it needs a single-threaded caller, which a
 * JVM never is.
 */
public enum Namespace {
    // tag::kinds[]
    /** Mount points: what the file tree looks like. */
    MNT(0x00020000, "mnt", "mount"),
    /** Process IDs: the container's first process is PID 1 and sees only its descendants. */
    PID(0x20000000, "pid", "pid"),
    /** Hostname and NIS domain name. */
    UTS(0x04000000, "uts", "uts"),
    /** System V IPC objects and POSIX message queues. */
    IPC(0x08000000, "ipc", "ipc"),
    /** Network devices, addresses, routes, ports, firewall rules. */
    NET(0x40000000, "net", "network"),
    /** The root of the cgroup tree a process sees in /proc/self/cgroup. */
    CGROUP(0x02000000, "cgroup", "cgroup");
    // end::kinds[]

    /** What a container gets: all of them. */
    public static final Set<Namespace> ALL = EnumSet.allOf(Namespace.class);

    /**
     * The ones the parent makes. The init makes the cgroup namespace itself,
     * as its last step: a cgroup namespace is rooted at the cgroup its maker
     * is in, and on cgroup v2 a process cannot move into a cgroup outside its
     * namespace's root (ENOENT). Made last, after chapter 3 has moved the init
     * into the container's cgroup, it is rooted there, as runc does it.
     */
    public static final Set<Namespace> BY_PARENT = EnumSet.complementOf(EnumSet.of(CGROUP));

    private final int flag;
    private final String procName;
    private final String specType;

    Namespace(int flag, String procName, String specType) {
        this.flag = flag;
        this.procName = procName;
        this.specType = specType;
    }

    /** Its {@code type} in the OCI runtime spec's {@code linux.namespaces}. */
    public String specType() {
        return specType;
    }

    /** The namespaces that {@code spec} asks to be made new (entries without a path). */
    public static Set<Namespace> requestedBy(Spec spec) {
        Set<Namespace> set = EnumSet.noneOf(Namespace.class);
        for (Namespace ns : values()) {
            if (spec.hasNamespace(ns.specType)) {
                set.add(ns);
            }
        }
        return set;
    }

    /** Of the namespaces {@code spec} asks to be made new, those the parent makes ({@link #BY_PARENT}). */
    public static Set<Namespace> madeByParent(Spec spec) {
        Set<Namespace> set = requestedBy(spec);
        set.retainAll(BY_PARENT);
        return set;
    }

    /** The {@code CLONE_NEW*} flag for unshare(2) and setns(2). */
    public int flag() {
        return flag;
    }

    /** The file name under {@code /proc/<pid>/ns/}. */
    public String procName() {
        return procName;
    }

    /** {@code /proc/<pid>/ns/<name>}: a handle on the namespace that process is in. */
    public Path of(long pid) {
        return Path.of("/proc", Long.toString(pid), "ns", procName);
    }

    /** The namespace's identity, its inode number: {@code mnt:[4026531841]}. */
    public String inode(long pid) throws IOException {
        return Files.readSymbolicLink(of(pid)).toString();
    }

    public static int flags(Set<Namespace> namespaces) {
        int flags = 0;
        for (Namespace ns : namespaces) {
            flags |= ns.flag;
        }
        return flags;
    }
}
