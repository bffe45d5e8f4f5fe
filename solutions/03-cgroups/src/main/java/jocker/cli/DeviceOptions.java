package jocker.cli;

import java.util.ArrayList;
import java.util.List;
import jocker.cgroups.HostDevice;
import jocker.cgroups.HostDevices;
import jocker.engine.CreateRequest;
import picocli.CommandLine.Option;

/**
 * Chapter 3's {@code --device} option of {@code jocker run}: a host device
 * the container may use besides Docker's default few. The init makes the
 * device file; the cgroup allows its numbers.
 *
 * <pre>
 * jocker run --device /dev/kmsg busybox head -n 1 /dev/kmsg
 * jocker run --device /dev/kmsg:/dev/log:r busybox head -n 1 /dev/log
 * </pre>
 */
public final class DeviceOptions implements RunOptions {

    @Option(names = "--device", paramLabel = "HOST[:CONTAINER][:rwm]",
            description = "Add a host device to the container (may be repeated).")
    private List<String> devices = new ArrayList<>();

    @Override
    public int chapter() {
        return 3;
    }

    @Override
    public CreateRequest addTo(CreateRequest request) {
        if (devices.isEmpty()) {
            return request;
        }
        return request.with(new HostDevices(devices.stream().map(HostDevice::parse).toList()));
    }
}
