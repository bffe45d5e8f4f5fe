package jocker.distribution;

import java.util.ArrayList;
import java.util.List;

/** A {@link Progress} that keeps what it heard: {@code id: status} per layer, and the whole lines. */
final class RecordingProgress implements Progress {

    private final List<String> states = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void layer(String id, String status, long current, long total) {
        String state = id + ": " + status;
        if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
            states.add(state);
        }
    }

    @Override
    public synchronized void line(String text) {
        lines.add(text);
    }

    /** Each layer's states in order, a repeated one (Downloading's counts) once. */
    synchronized List<String> states() {
        return List.copyOf(states);
    }

    /** The states of layer {@code id}, in order. */
    synchronized List<String> statesOf(String id) {
        return states.stream().filter(s -> s.startsWith(id + ": ")).map(s -> s.substring(id.length() + 2))
                .distinct().toList();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
