package jocker.registry.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jocker.distribution.Scope;

/**
 * What the token endpoint grants, from what a client asks for. The rule is
 * Docker Hub's for public repositories, kept simple:
 *
 * <ul>
 * <li>a user of the htpasswd file may pull, push and delete in every
 *     repository, and read the catalog;</li>
 * <li>anyone else (no credentials) may pull, and nothing more.</li>
 * </ul>
 *
 * <p>A token grants at most what was asked for: a client asking for
 * {@code pull} gets a token that cannot push, however powerful its user.
 * What is not granted is left out of the token (no error): the registry
 * then refuses the request the token cannot cover with
 * {@code insufficient_scope}.
 */
public final class TokenPolicy {

    private static final Set<String> USER = Set.of(Scope.PULL, Scope.PUSH, Scope.DELETE);
    private static final Set<String> ANONYMOUS = Set.of(Scope.PULL);

    private TokenPolicy() {
    }

    /** The grants for {@code user} (null: anonymous) asking for {@code requested}. */
    public static List<Scope> grant(String user, Collection<Scope> requested) {
        List<Scope> granted = new ArrayList<>();
        for (Scope asked : requested) {
            Set<String> actions = new HashSet<>(asked.actions());
            if (asked.type().equals("repository")) {
                actions.retainAll(user != null ? USER : ANONYMOUS);
            } else if (!(asked.equals(Scope.catalog()) && user != null)) {
                actions.clear();
            }
            if (!actions.isEmpty()) {
                granted.add(new Scope(asked.type(), asked.name(), actions));
            }
        }
        return granted;
    }
}
