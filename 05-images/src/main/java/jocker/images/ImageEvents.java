package jocker.images;

import java.nio.file.Path;
import java.util.Map;
import jocker.engine.Event;
import jocker.engine.Events;

/** Records an image's event (chapter 6's {@code GET /events}): its ID, and the name it concerns. */
final class ImageEvents {

    private ImageEvents() {
    }

    static void record(Path root, String action, LocalImages.Image image, String name) {
        Events.record(root, Event.IMAGE, action, image.id().toString(), Map.of("name", name));
    }

    static void record(Path root, String action, String id, String name) {
        Events.record(root, Event.IMAGE, action, id, Map.of("name", name));
    }
}
