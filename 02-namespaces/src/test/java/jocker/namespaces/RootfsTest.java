package jocker.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jocker.spec.Spec;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.course.RunningContainer;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jocker.linux.Kernel;

@RequiresRoot("mount(2) and pivot_root(2) need CAP_SYS_ADMIN, which only root has")
@Timeout(60)
@DisplayName("Exercises 2.2 and 2.3: private mounts and pivot_root")
class RootfsTest {

    @TempDir
    static Path state;
    @TempDir
    static Path host;
    static Path rootfs;
    /** Chapter 2's init, with no /proc or /sys to mount: exercise 2.3's tests need nothing after it. */
    static Box box;
    /** Exercise 2.2's mounts, then chroot: its test needs nothing after it. */
    static Box privateMounts;

    @BeforeAll
    static void setUp() throws Exception {
        rootfs = TestRootfs.create(state.resolve("rootfs")).path();
        Files.writeString(host.resolve("host-marker"), "on the host\n");
        box = Box.withoutProcAndSys(state);
        privateMounts = new Box(state, PrivateMountsProbe.class);
    }

    @Test
    @Graded(exercise = "2.2", points = 4)
    @DisplayName("a mount made inside never reaches the parent's mount table, even where / is shared")
    void mountsDoNotLeak() throws Exception {
        // Imitate a systemd host, whose / is shared, without touching this
        // machine's /: in a thread with a mount namespace of its own, make /
        // shared there, and start the container from that thread.
        AtomicReference<String> parentMounts = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread parent = new Thread(() -> {
            try {
                Kernel.unshare(Namespace.MNT.flag());
                Kernel.mount(null, "/", null, Kernel.MS_REC | Kernel.MS_SHARED, null);
                try (RunningContainer c = privateMounts.start(Box.waiting(rootfs,
                        "mkdir -p /mnt/leak && mount -t tmpfs jocker-leak-test /mnt/leak")).awaitReady()) {
                    parentMounts.set(Files.readString(Path.of("/proc/thread-self/mountinfo")));
                    assertThat(c.finish()).isZero();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "shared-parent");
        parent.start();
        parent.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertThat(parentMounts.get()).as("the parent's mount table").doesNotContain("jocker-leak-test");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("jocker-leak-test");
    }

    @Test
    @Graded(exercise = "2.3", points = 3)
    @DisplayName("chapter 1's escape no longer reaches the host's root")
    void escapeStaysInside() throws Exception {
        Path marker = host.resolve("host-marker");
        var result = box.run(Spec.of(rootfs, List.of("sh", "-c",
                "cat " + marker + " 2>/dev/null || echo not-found; ls /bin/busybox")).withEscape(true));

        assertThat(result.exitValue()).as(result.describe()).isZero();
        assertThat(result.out()).isEqualTo("not-found\n/bin/busybox\n");
    }

    @Test
    @Graded(exercise = "2.3", points = 3)
    @DisplayName("the container's / is the rootfs, and the host's old root is not mounted anywhere inside")
    void oldRootIsGone() throws Exception {
        // The container's mount table, from the host: /proc/<pid>/mountinfo shows mount points
        // relative to that process's root, as the container would see them in its own /proc.
        String mountinfo;
        try (RunningContainer c = box.start(Box.waiting(rootfs, "true")).awaitReady()) {
            mountinfo = Files.readString(Path.of("/proc", Long.toString(c.pid()), "mountinfo"));
            assertThat(c.finish()).isZero();
        }
        List<String[]> mounts = mountinfo.lines().map(l -> l.split(" ")).toList();
        // mountinfo(5): field 4 is the root of the mount within its filesystem, field 5 the mount point.
        assertThat(mounts).filteredOn(m -> m[4].equals("/")).hasSize(1)
                .allSatisfy(m -> assertThat(m[3]).isEqualTo(rootfs.toRealPath().toString()));
        String device = mounts.stream().filter(m -> m[4].equals("/")).findFirst().orElseThrow()[2];
        assertThat(mounts).as("mounts of the rootfs's filesystem (major:minor %s): the host's old root would be one",
                device).filteredOn(m -> m[2].equals(device)).hasSize(1);
    }

    @Test
    @Graded(exercise = "2.3", points = 2)
    @DisplayName("only descriptors 0, 1 and 2 are open in the container's first process")
    void onlyStandardDescriptors() throws Exception {
        try (RunningContainer c = box.start(Box.waiting(rootfs, "true")).awaitReady()) {
            List<String> fds;
            try (var list = Files.list(Path.of("/proc", Long.toString(c.pid()), "fd"))) {
                fds = list.map(p -> p.getFileName().toString()).sorted().toList();
            }

            assertThat(fds).as("open descriptors of the container's PID 1").containsExactly("0", "1", "2");
            assertThat(c.finish()).isZero();
        }
    }
}
