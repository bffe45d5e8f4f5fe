package jocker.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.build.Dockerfile;
import jocker.build.DockerfileException;
import jocker.build.Instruction;
import jocker.build.Substitution;
import jocker.images.ImageConfig;

/**
 * The {@code changes} of {@code docker commit -c} and {@code docker import
 * -c}: Dockerfile instructions that change only the config
 * ({@code CMD ["sh"]}, {@code ENV A=1}, {@code WORKDIR /srv} …), read with
 * chapter 5's Dockerfile parser and applied to the image's run settings,
 * as Docker applies them, without a history entry of their own.
 */
final class ConfigChanges {

    private ConfigChanges() {
    }

    /** {@code config} with {@code changes} applied; a bad or unsupported instruction is a 400. */
    static ImageConfig.Config apply(ImageConfig.Config config, List<String> changes) {
        List<Instruction> instructions;
        try {
            instructions = Dockerfile.parse("FROM scratch\n" + String.join("\n", changes), "--change")
                    .stages().get(0).instructions();
        } catch (DockerfileException e) {
            throw ApiException.badRequest("invalid change: " + e.getMessage());
        }
        String user = config.user();
        Map<String, Object> ports = copy(config.exposedPorts());
        Map<String, Object> volumes = copy(config.volumes());
        List<String> env = config.env() != null ? new ArrayList<>(config.env()) : new ArrayList<>();
        List<String> entrypoint = config.entrypoint();
        List<String> cmd = config.cmd();
        String workdir = config.workingDir();
        Map<String, String> labels = config.labels() != null ? new LinkedHashMap<>(config.labels())
                : new LinkedHashMap<>();
        String stopSignal = config.stopSignal();
        for (Instruction change : instructions) {
            List<String> args = change.args();
            switch (change.keyword()) {
                case "CMD" -> cmd = command(change);
                case "ENTRYPOINT" -> entrypoint = command(change);
                case "USER" -> user = args.get(0);
                case "WORKDIR" -> workdir = args.get(0);
                case "STOPSIGNAL" -> stopSignal = args.get(0);
                case "EXPOSE" -> args.forEach(p -> ports.put(p.contains("/") ? p : p + "/tcp", Map.of()));
                case "VOLUME" -> args.forEach(v -> volumes.put(v, Map.of()));
                case "ENV", "LABEL" -> {
                    for (String pair : args) {
                        int eq = pair.indexOf('=');
                        String name = Substitution.expand(pair.substring(0, eq), Map.of());
                        String value = Substitution.expand(pair.substring(eq + 1), Map.of());
                        if (change.keyword().equals("LABEL")) {
                            labels.put(name, value);
                        } else {
                            env.removeIf(e -> e.equals(name) || e.startsWith(name + "="));
                            env.add(name + "=" + value);
                        }
                    }
                }
                default -> throw ApiException.badRequest("invalid change: " + change.keyword() + " is not one of "
                        + "CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR");
            }
        }
        return new ImageConfig.Config(user, ports.isEmpty() ? null : ports, env.isEmpty() ? null : env, entrypoint,
                cmd, volumes.isEmpty() ? null : volumes, workdir, labels.isEmpty() ? null : labels, stopSignal,
                config.shell());
    }

    /** CMD's or ENTRYPOINT's command: the JSON array, or {@code /bin/sh -c LINE}. */
    private static List<String> command(Instruction instruction) {
        return instruction.execForm() ? instruction.args() : List.of("/bin/sh", "-c", instruction.args().get(0));
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return map != null ? new LinkedHashMap<>(map) : new LinkedHashMap<>();
    }
}
