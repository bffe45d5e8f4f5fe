package jocker.api;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.engine.ContainerSummary;

/**
 * The endpoints every client calls first: {@code /_ping} (the CLI reads the
 * API version from its header), {@code /version} ({@code docker version}'s
 * Server part), {@code /info} ({@code docker info}).
 */
public final class SystemRoutes implements Routes {

    /** The name {@code docker version} shows as the server's platform: how a test knows it is not a dockerd. */
    public static final String PLATFORM = "Jocker Engine";

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public void register(Router router) {
        Router.Handler ping = (request, response) -> {
            response.header("Builder-Version", "1") // the classic builder: POST /build
                    .header("Cache-Control", "no-cache, no-store, must-revalidate")
                    .header("Pragma", "no-cache");
            if (request.method().equals("HEAD")) {
                response.header("Content-Type", "text/plain; charset=utf-8").empty(200);
            } else {
                response.bytes(200, "text/plain; charset=utf-8", "OK".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        router.add("GET", "/_ping", ping);
        router.add("HEAD", "/_ping", ping);
        router.add("GET", "/version", (request, response) -> response.json(200, versionDocument()));
        router.add("GET", "/info", (request, response) -> response.json(200, info(router)));
    }

    /** Jocker's version, from its jar's manifest. */
    static String version() {
        String v = SystemRoutes.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }

    private static Map<String, Object> versionDocument() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ApiVersion", ApiVersions.CURRENT);
        details.put("MinAPIVersion", ApiVersions.MIN);
        details.put("GitCommit", "");
        details.put("GoVersion", "java" + Runtime.version().feature());
        details.put("Os", "linux");
        details.put("Arch", arch());
        details.put("KernelVersion", System.getProperty("os.version"));
        details.put("Experimental", "false");
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("Name", "Engine");
        engine.put("Version", version());
        engine.put("Details", details);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Platform", Map.of("Name", PLATFORM));
        doc.put("Components", List.of(engine));
        doc.put("Version", version());
        doc.putAll(details);
        doc.put("Experimental", false); // a string in Details, a boolean here, as dockerd has them
        doc.put("BuildTime", "");
        return doc;
    }

    /** Go's name for the machine ({@code amd64}), which clients compare with image platforms. */
    static String arch() {
        String a = System.getProperty("os.arch");
        return a.equals("x86_64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
    }

    private static Map<String, Object> info(Router router) throws IOException {
        int running = 0;
        int paused = 0;
        int stopped = 0;
        List<ContainerSummary> all = router.engine().list(true);
        for (ContainerSummary c : all) {
            switch (c.state()) {
                case "running" -> running++;
                case "paused" -> paused++;
                default -> stopped++;
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ID", hostname());
        doc.put("Containers", all.size());
        doc.put("ContainersRunning", running);
        doc.put("ContainersPaused", paused);
        doc.put("ContainersStopped", stopped);
        doc.put("Images", images(router.root()));
        doc.put("Driver", "overlay");
        doc.put("DriverStatus", List.of(List.of("Backing Filesystem", "jocker layers")));
        doc.put("DockerRootDir", router.root().toString());
        doc.put("Name", hostname());
        doc.put("ServerVersion", version());
        doc.put("OperatingSystem", osName());
        doc.put("OSType", "linux");
        doc.put("Architecture", System.getProperty("os.arch"));
        doc.put("KernelVersion", System.getProperty("os.version"));
        doc.put("NCPU", Runtime.getRuntime().availableProcessors());
        doc.put("MemTotal", memTotal());
        doc.put("CgroupDriver", "cgroupfs");
        doc.put("CgroupVersion", cgroupVersion());
        doc.put("LoggingDriver", "jocker-log");
        doc.put("DefaultRuntime", "jocker-init");
        doc.put("Runtimes", Map.of("jocker-init", Map.of("path", "jocker.runtime.Init")));
        doc.put("SecurityOptions", List.of("name=seccomp,profile=builtin"));
        doc.put("Plugins", Map.of("Volume", List.of("local"), "Network", List.of("none"), "Log", List.of("jocker-log")));
        doc.put("Swarm", Map.of("LocalNodeState", "inactive", "NodeID", "", "NodeAddr", ""));
        doc.put("RegistryConfig", Map.of("IndexConfigs", Map.of(), "InsecureRegistryCIDRs", List.of("127.0.0.0/8")));
        doc.put("Labels", List.of());
        doc.put("ExperimentalBuild", false);
        doc.put("Debug", false);
        doc.put("Warnings", List.of());
        doc.put("SystemTime", java.time.OffsetDateTime.now().toString());
        doc.put("Pid", ManagementFactory.getRuntimeMXBean().getPid());
        return doc;
    }

    /** Chapter 5's image store counts its images; before chapter 5 there is none to count. */
    private static int images(Path root) {
        try {
            return new jocker.images.LocalImages(root).list(false).size();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // no os-release: say Linux
        }
        return "Linux";
    }

    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return 0;
    }

    /** "2" on a unified (v2-only) host, "1" where the v1 hierarchies are mounted (as here). */
    private static String cgroupVersion() {
        return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
    }
}
