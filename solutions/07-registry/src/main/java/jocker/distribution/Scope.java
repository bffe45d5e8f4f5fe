package jocker.distribution;

import java.util.Set;

/**
 * What a request to a registry wants to do, as the token flow names it:
 * {@code repository:lib/bb:pull,push} (type, name, actions). The registry
 * checks a request against it; the client asks a token server for it.
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
}
