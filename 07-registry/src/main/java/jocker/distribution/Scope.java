package jocker.distribution;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a request to a registry wants to do, as the token flow names it:
 * {@code repository:lib/bb:pull,push} (type, name, actions). The registry
 * checks a request against it; the client asks a token server for it.
 *
 * <p>Written form (distribution's "Token Scope Documentation"):
 * {@code TYPE:NAME:ACTIONS}, actions comma-separated. A name may hold
 * slashes ({@code lib/bb}) and, in a {@code host:port} of other
 * registries' names, colons; so the type ends at the first colon and the
 * actions start after the last.
 */
public record Scope(String type, String name, Set<String> actions) {

    public static final String PULL = "pull";
    public static final String PUSH = "push";
    public static final String DELETE = "delete";

    public Scope {
        actions = Set.copyOf(actions);
    }

    /** {@code repository:NAME:ACTIONS}, the scope of most requests. */
    public static Scope repository(String name, String... actions) {
        return new Scope("repository", name, Set.of(actions));
    }

    /** The catalog's scope, {@code registry:catalog:*}. */
    public static Scope catalog() {
        return new Scope("registry", "catalog", Set.of("*"));
    }

    /**
     * Reads {@code TYPE:NAME:ACTIONS}; an empty action list is an empty set
     * ({@code repository:lib/bb:} asks for nothing).
     *
     * @throws IllegalArgumentException when a part is missing
     */
    public static Scope parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == first + 1) {
            throw new IllegalArgumentException("not a scope: '" + text
                    + "' (expected TYPE:NAME:ACTIONS, such as repository:lib/bb:pull,push)");
        }
        String actions = text.substring(last + 1);
        return new Scope(text.substring(0, first), text.substring(first + 1, last),
                Arrays.stream(actions.split(",")).filter(a -> !a.isEmpty()).collect(Collectors.toSet()));
    }

    /** The written form, actions in alphabetical order: {@code repository:lib/bb:pull,push}. */
    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", new TreeSet<>(actions));
    }
}
