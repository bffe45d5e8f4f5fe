package jocker.engine;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** New container IDs and names, in Docker's forms. */
public final class Names {

    /*
     * Generated names pair an adjective with a scientist or engineer: 126 x 219 = 27,594 names, about as many
     * as Docker draws from. With tens of containers a clash is rare (with 256 names, two runs in a hundred met
     * one), and the engine draws again when one happens (Engine.reserve).
     */
    private static final List<String> ADJECTIVES = List.of(
            "admiring", "adoring", "affectionate", "agile", "alert", "amazing", "ample", "ardent", "artful",
            "astute", "awake", "bold", "brave", "bright", "brisk", "calm", "candid", "capable", "careful", "caring",
            "charming", "cheerful", "clever", "cool", "cosmic", "crisp", "curious", "daring", "dazzling", "deft",
            "devoted", "diligent", "dreamy", "eager", "earnest", "elastic", "elated", "elegant", "eloquent", "epic",
            "exact", "fervent", "festive", "fearless", "fluent", "focused", "fond", "frank", "friendly", "frosty",
            "funny", "gallant", "gentle", "gifted", "gleeful", "glowing", "graceful", "grateful", "happy", "hardy",
            "hearty", "helpful", "heuristic", "honest", "hopeful", "humble", "inspiring", "intrepid", "jolly",
            "jovial", "keen", "kind", "lively", "loyal", "lucid", "lucky", "magical", "mellow", "merry", "mindful",
            "modest", "nifty", "nimble", "noble", "optimistic", "patient", "peaceful", "perky", "plucky", "polite",
            "practical", "precise", "quick", "quiet", "radiant", "rapid", "relaxed", "resolute", "robust", "serene",
            "sharp", "sincere", "smart", "snappy", "spirited", "stoic", "steady", "sturdy", "sunny", "swift",
            "tender", "thrifty", "tidy", "tranquil", "trusting", "upbeat", "valiant", "vibrant", "vigilant", "vivid",
            "warm", "wise", "witty", "youthful", "zealous", "zen");
    private static final List<String> PEOPLE = List.of(
            "abel", "ada", "agnesi", "alhazen", "allen", "archimedes", "aryabhata", "babbage", "backus", "banach",
            "bardeen", "barton", "bell", "bernoulli", "bhabha", "bohr", "boole", "borg", "bose", "boyle", "brahe",
            "brattain", "brown", "burnell", "cannon", "cantor", "carson", "cauchy", "cayley", "cerf",
            "chandrasekhar", "chebyshev", "clarke", "codd", "colden", "conway", "cook", "copernicus", "corbato",
            "cray", "curie", "darwin", "davinci", "dedekind", "descartes", "dijkstra", "dirac", "driscoll",
            "dubinsky", "easley", "edison", "einstein", "elgamal", "elion", "engelbart", "euclid", "euler",
            "faraday", "feistel", "fermat", "fermi", "feynman", "fibonacci", "fourier", "franklin", "frisch",
            "galileo", "galois", "gates", "gauss", "germain", "goldberg", "goldstine", "goldwasser", "goodall",
            "gould", "grace", "hamilton", "hamming", "hardy", "haslett", "hawking", "heisenberg", "hellman",
            "hermite", "herschel", "hertz", "hilbert", "hodgkin", "hofstadter", "hollerith", "hopper", "hoover",
            "hubble", "huffman", "hypatia", "jackson", "jang", "jemison", "jennings", "jepsen", "johnson", "joliot",
            "jones", "kalam", "kapitsa", "keller", "kepler", "khayyam", "khorana", "kilby", "kirch", "knuth",
            "kowalevski", "lalande", "lamarr", "lamport", "leakey", "leavitt", "lederberg", "lehmann", "leibniz",
            "lewin", "liskov", "lovelace", "lumiere", "mahavira", "mandelbrot", "margulis", "matsumoto", "maxwell",
            "mayer", "mccarthy", "mcclintock", "mclaren", "mclean", "mcnulty", "meitner", "mendel", "mendeleev",
            "merkle", "mestorf", "mirzakhani", "montalcini", "moore", "morse", "moser", "murdock", "napier", "nash",
            "neumann", "newton", "nightingale", "nobel", "noether", "northcutt", "noyce", "panini", "pare", "pascal",
            "pasteur", "payne", "perlman", "pike", "poincare", "poitras", "ptolemy", "raman", "ramanujan", "rhodes",
            "ride", "ritchie", "robinson", "roentgen", "rosalind", "rubin", "saha", "sammet", "sanderson", "satoshi",
            "shamir", "shannon", "shaw", "shirley", "shockley", "sinoussi", "snyder", "solomon", "spence",
            "stonebraker", "sutherland", "swanson", "swartz", "swirles", "taussig", "tesla", "tharp", "thompson",
            "torvalds", "tu", "turing", "varahamihira", "vaughan", "villani", "visvesvaraya", "volhard", "wescoff",
            "wilbur", "wiles", "williams", "williamson", "wilson", "wing", "wozniak", "wright", "wu", "yalow",
            "yonath", "zhukovsky");

    /** How many names {@link #newName()} can make. */
    static final int COMBINATIONS = 27594;

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
