package jocker.cgroups;

import java.util.List;

/** The devices of {@code jocker run --device}: chapter 3's part of a create request. */
public record HostDevices(List<HostDevice> devices) {

    public HostDevices {
        devices = List.copyOf(devices);
    }
}
