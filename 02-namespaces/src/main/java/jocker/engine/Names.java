package jocker.engine;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** New container IDs and names, in Docker's forms. */
public final class Names {

    private static final List<String> ADJECTIVES = List.of(
            "brave", "calm", "eager", "gentle", "happy", "keen", "lucid", "merry", "nimble", "quiet", "sharp",
            "steady", "sunny", "tidy", "witty", "zen");
    private static final List<String> PEOPLE = List.of(
            "bell", "cerf", "dijkstra", "hopper", "kay", "knuth", "lamport", "liskov", "lovelace", "mccarthy",
            "pike", "ritchie", "thompson", "torvalds", "turing", "wirth");

    private Names() {
    }

    /** 64 hex digits: 256 random bits, as Docker's IDs. */
    public static String newId() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A name like {@code brave_turing}, for containers started without {@code --name}. */
    public static String newName() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return ADJECTIVES.get(r.nextInt(ADJECTIVES.size())) + "_" + PEOPLE.get(r.nextInt(PEOPLE.size()));
    }

    /** True for a container ID: 64 lower-case hex digits. */
    public static boolean isId(String s) {
        return s.length() == 64 && s.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /** Docker's rule for names: a letter or digit, then letters, digits, '_', '.', '-'. */
    public static void checkName(String name) {
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException("invalid container name '" + name
                    + "': use letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
    }
}
