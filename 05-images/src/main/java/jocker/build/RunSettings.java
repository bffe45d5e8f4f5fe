package jocker.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.images.ImageConfig;

/**
 * An image's run settings ({@link ImageConfig.Config}) being changed by
 * one step: ENV adds to {@code Env}, CMD replaces {@code Cmd}, and so on.
 */
final class RunSettings {

    String user;
    Map<String, Object> exposedPorts;
    List<String> env;
    List<String> entrypoint;
    List<String> cmd;
    Map<String, Object> volumes;
    String workingDir;
    Map<String, String> labels;
    String stopSignal;
    List<String> shell;

    RunSettings(ImageConfig.Config c) {
        user = c.user();
        exposedPorts = c.exposedPorts() != null ? new LinkedHashMap<>(c.exposedPorts()) : null;
        env = c.env() != null ? new ArrayList<>(c.env()) : null;
        entrypoint = c.entrypoint();
        cmd = c.cmd();
        volumes = c.volumes() != null ? new LinkedHashMap<>(c.volumes()) : null;
        workingDir = c.workingDir();
        labels = c.labels() != null ? new LinkedHashMap<>(c.labels()) : null;
        stopSignal = c.stopSignal();
        shell = c.shell();
    }

    /** Sets {@code name} in {@code Env}, in place if it is there, else at the end. */
    void setEnv(String name, String value) {
        env = env != null ? env : new ArrayList<>();
        String entry = name + "=" + value;
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).equals(name) || env.get(i).startsWith(name + "=")) {
                env.set(i, entry);
                return;
            }
        }
        env.add(entry);
    }

    void setLabel(String name, String value) {
        labels = labels != null ? labels : new LinkedHashMap<>();
        labels.put(name, value);
    }

    void expose(String port) {
        exposedPorts = exposedPorts != null ? exposedPorts : new LinkedHashMap<>();
        exposedPorts.put(port, Map.of());
    }

    void addVolume(String path) {
        volumes = volumes != null ? volumes : new LinkedHashMap<>();
        volumes.put(path, Map.of());
    }

    /** The shell that runs the shell form of RUN, CMD and ENTRYPOINT: SHELL's, else {@code /bin/sh -c}. */
    List<String> shellOrDefault() {
        return shell != null && !shell.isEmpty() ? shell : List.of("/bin/sh", "-c");
    }

    ImageConfig.Config toConfig() {
        return new ImageConfig.Config(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels,
                stopSignal, shell);
    }
}
