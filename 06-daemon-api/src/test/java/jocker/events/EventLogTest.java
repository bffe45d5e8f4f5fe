package jocker.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jocker.engine.Event;
import jocker.engine.Events;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log as writers append to it and readers follow it. */
@DisplayName("The event log")
class EventLogTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("a follower sees events from since to until, across a rotation, each once")
    void followsAcrossRotation() throws Exception {
        Instant start = Instant.now();
        Events.record(root, Event.IMAGE, "tag", "sha256:1", Map.of("name", "a:1"));
        List<Event> seen = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(300);
                String big = "x".repeat(1000);
                for (int i = 0; i < 1200; i++) { // past the cap: the log rotates
                    Events.record(root, Event.IMAGE, "tag", "sha256:" + i, Map.of("name", big));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        Instant until = Instant.now().plusSeconds(60);
        try {
            new EventLog(root).follow(start, until, e -> true, e -> {
                seen.add(e);
                if (e.actor().id().equals("sha256:1199")) {
                    throw new java.io.IOException("the last one: the client goes");
                }
            });
        } catch (java.io.IOException last) {
            assertThat(last).hasMessageContaining("the last one");
        }
        writer.join();
        assertThat(Files.exists(Events.rotated(root))).isTrue();
        assertThat(seen).hasSize(1201);
        assertThat(seen.get(1200).actor().id()).isEqualTo("sha256:1199");
        assertThat(EventLog.parseTime("1796061731.5", start)).isEqualTo(Instant.ofEpochSecond(1796061731, 500_000_000));
        assertThat(EventLog.parseTime("10m", start)).isEqualTo(start.minusSeconds(600));
    }
}
