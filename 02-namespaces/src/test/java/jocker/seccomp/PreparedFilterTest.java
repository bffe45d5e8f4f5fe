package jocker.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import jocker.security.Capabilities;
import jocker.security.Confinement;
import jocker.spec.Spec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Not graded: a zygote compiles Docker's default filter before it is taken
 * ({@link SeccompFilter#prepare}), and loads it as it is only for a section
 * that {@link SeccompFilter#same} finds equal, field for field. The kernel
 * side, that the filter a zygote's container runs under refuses what it must,
 * is {@code BlockedCallsTest} ({@code jocker run} in the foreground takes a zygote).
 */
@DisplayName("A seccomp filter compiled in advance")
class PreparedFilterTest {

    /** The section a zygote prepares: Docker's profile for Docker's capabilities, read back from JSON. */
    private static Spec.Seccomp zygoteSample() throws Exception {
        return copy(SeccompProfiles.toSpec(SeccompProfiles.loadDefault(), SeccompProfiles.DEFAULT_CAPABILITIES));
    }

    /** A copy through JSON, as an init reads its spec. */
    private static Spec.Seccomp copy(Spec.Seccomp section) throws Exception {
        return JSON.std.beanFrom(Spec.Seccomp.class, JSON.std.asString(section));
    }

    @Test
    @DisplayName("a default container's section is the zygote's: the prepared filter is the one it loads")
    void defaultContainerTakesIt() throws Exception {
        // what SeccompFeature writes for a container without --cap-add, --cap-drop or a profile of its own
        Spec.Seccomp container = SeccompProfiles.toSpec(SeccompProfiles.loadDefault(),
                new HashSet<>(Confinement.DEFAULT.capabilities(Capabilities.hostLastCap())));

        assertThat(container.syscalls).hasSizeGreaterThan(10);
        assertThat(SeccompFilter.same(zygoteSample(), copy(container))).isTrue();
    }

    @Test
    @DisplayName("a container with another capability (and so other rules) does not take it")
    void otherCapabilitiesDoNot() throws Exception {
        List<String> more = new java.util.ArrayList<>(Confinement.DEFAULT.capabilities(Capabilities.hostLastCap()));
        more.add("CAP_SYS_ADMIN"); // Docker's profile then allows mount, unshare, ...
        Spec.Seccomp container = SeccompProfiles.toSpec(SeccompProfiles.loadDefault(), new HashSet<>(more));

        assertThat(SeccompFilter.same(zygoteSample(), container)).isFalse();
    }

    @Test
    @DisplayName("any one field changed, in the section, a rule or an argument comparison, makes it another filter")
    void everyFieldCounts() throws Exception {
        Spec.Seccomp sample = zygoteSample();
        int withArgs = 0;
        while (sample.syscalls.get(withArgs).args.isEmpty()) {
            withArgs++;
        }
        int rule = withArgs;
        List<Consumer<Spec.Seccomp>> changes = List.of(
                s -> s.defaultAction = "SCMP_ACT_ALLOW",
                s -> s.defaultErrnoRet = 13,
                s -> s.architectures.add("SCMP_ARCH_AARCH64"),
                s -> s.architectures.remove(0),
                s -> s.syscalls.remove(s.syscalls.size() - 1),
                s -> s.syscalls.add(0, s.syscalls.remove(1)), // order: libseccomp keeps the first of two rules
                s -> s.syscalls.get(0).names.add("mount"),
                s -> s.syscalls.get(0).action = "SCMP_ACT_LOG",
                s -> s.syscalls.get(0).errnoRet = 1,
                s -> s.syscalls.get(rule).args.get(0).index++,
                s -> s.syscalls.get(rule).args.get(0).value++,
                s -> s.syscalls.get(rule).args.get(0).valueTwo++,
                s -> s.syscalls.get(rule).args.get(0).op = "SCMP_CMP_NE",
                s -> s.syscalls.get(rule).args.remove(0));
        assertThat(SeccompFilter.same(sample, copy(sample))).isTrue();
        for (int i = 0; i < changes.size(); i++) {
            Spec.Seccomp changed = copy(sample);
            changes.get(i).accept(changed);
            assertThat(SeccompFilter.same(sample, changed)).as("change %d", i).isFalse();
            assertThat(SeccompFilter.same(changed, sample)).as("change %d, the other way", i).isFalse();
        }
    }

    @Test
    @DisplayName("same compares every field the spec has: a field added to the spec must be added to it")
    void noFieldForgotten() {
        assertThat(fields(Spec.Seccomp.class)).containsExactlyInAnyOrder(
                "defaultAction", "defaultErrnoRet", "architectures", "syscalls");
        assertThat(fields(Spec.Syscall.class)).containsExactlyInAnyOrder("names", "action", "errnoRet", "args");
        assertThat(fields(Spec.SeccompArg.class)).containsExactlyInAnyOrder("index", "value", "valueTwo", "op");
    }

    private static List<String> fields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).toList();
    }
}
