package jocker.course;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs fixture test classes in a launcher of their own, with only the given
 * listeners: the GradeListener that surefire's launcher loads from
 * META-INF/services must not see them.
 */
final class Fixtures {

    private Fixtures() {
    }

    static void run(TestExecutionListener listener, Class<?>... classes) {
        var launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(listener)
                .build());
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
                .build();
        launcher.execute(request);
    }
}
