package jocker.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DisplayName;

/** v1's device rules on the real kernel: what devices.list says once they are written. */
@RequiresRoot("making cgroups needs root")
@DisplayName("The v1 device rules on the real kernel")
class DeviceRulesKernelTest {

    @Test
    @Graded(exercise = "3.7", points = 1)
    @DisplayName("after Docker's rules, devices.list lists exactly them: no more 'a *:* rwm'")
    void devicesList() throws Exception {
        Path own = null;
        try {
            own = Cgroups.host().ownV1("devices");
        } catch (CgroupException e) {
            // no v1 devices hierarchy: skipped below
        }
        assumeTrue(own != null && Files.isDirectory(own), "requires the devices controller on cgroup v1");
        Path dir = own.resolve(Cgroups.PARENT).resolve(HostProcess.uniqueId());
        Files.createDirectories(dir);
        try {
            DeviceRules.setV1(dir, DeviceRules.dockerDefaults());

            assertThat(Files.readAllLines(dir.resolve("devices.list"))).containsExactlyInAnyOrder(
                    "c *:* m", "b *:* m", "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm",
                    "c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm", "c 136:* rwm");
        } finally {
            CgroupDirectories.remove(dir);
        }
    }

    @Test
    @DisplayName("rules as v1's files read them: c 1:3 rwm, c 136:* rwm, and a for all devices")
    void v1Lines() {
        List<String> lines = DeviceRules.dockerDefaults().stream().map(DeviceRules::v1Line).toList();

        assertThat(lines).startsWith("a", "c *:* m", "b *:* m", "c 1:3 rwm").endsWith("c 136:* rwm");
        assertThat(DeviceRules.allowAll().stream().map(DeviceRules::v1Line)).containsExactly("a");
    }
}
