package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("jockerd runs containers, which needs root")
@Timeout(180)
@DisplayName("docker-java, Java's Docker client, manages a container through jockerd")
class DockerJavaContainersTest {

    @TempDir
    Path tmp;
    Jockerd daemon;
    DockerClient client;

    @BeforeEach
    void start() throws Exception {
        daemon = Jockerd.start(tmp.resolve("d"));
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(daemon.host()).build();
        client = DockerClientImpl.getInstance(config,
                new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        daemon.close();
    }

    @Test
    @DisplayName("create, start, exec (its output as frames, its exit code), inspect, stop and remove")
    void lifeCycle() throws Exception {
        assertThat(client.versionCmd().exec().getPlatform().getName()).isEqualTo(SystemRoutes.PLATFORM);
        String id = client.createContainerCmd("busybox").withName("dj")
                .withCmd("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done").exec().getId();
        client.startContainerCmd(id).exec();

        InspectContainerResponse running = client.inspectContainerCmd("dj").exec();
        assertThat(running.getState().getRunning()).isTrue();
        assertThat(running.getName()).isEqualTo("/dj");
        long pid = running.getState().getPidLong();
        assertThat(ProcessHandle.of(pid)).as("the container's process on the host").isPresent();

        String exec = client.execCreateCmd(id).withCmd("sh", "-c", "echo out; echo err >&2; exit 4")
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        client.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                (frame.getStreamType() == StreamType.STDERR ? err : out).append(text);
            }
        }).awaitCompletion(60, TimeUnit.SECONDS);
        assertThat(out).hasToString("out\n");
        assertThat(err).hasToString("err\n");
        assertThat(client.inspectExecCmd(exec).exec().getExitCodeLong()).isEqualTo(4L);

        client.stopContainerCmd(id).withTimeout(5).exec();
        InspectContainerResponse stopped = client.inspectContainerCmd(id).exec();
        assertThat(stopped.getState().getRunning()).isFalse();
        assertThat(stopped.getState().getExitCodeLong()).isZero();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();

        client.removeContainerCmd(id).exec();
        assertThat(client.listContainersCmd().withShowAll(true).exec()).isEmpty();
        assertThat(Files.exists(daemon.root().resolve("containers").resolve(id))).isFalse();
    }
}
