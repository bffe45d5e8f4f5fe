package jocker.registry.auth;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import jocker.course.Exercise;
import jocker.distribution.Scope;

/**
 * Whether the access a token grants covers what a request needs: the
 * registry's side of the token flow. A token carries a list of grants
 * ({@code access} claim), each a type, a name and actions; a request needs
 * one scope, such as {@code repository:lib/bb:push}.
 */
public final class Grants {

    /** In a grant's actions: every action on that resource. */
    public static final String ALL_ACTIONS = "*";

    private Grants() {
    }

    // tag::covers[]
    /**
     * Whether {@code granted} allows every action of {@code needed}. Only
     * grants of the same type and the very same name count (a grant on
     * {@code lib/bb} says nothing about {@code lib/bb2} or {@code lib});
     * their actions add up, so {@code pull} in one grant and {@code push} in
     * another cover {@code pull,push}; {@code *} covers any action. A
     * request that needs no scope ({@code GET /v2/}) is covered by any token.
     */
    public static boolean covers(Collection<Scope> granted, Scope needed) {
        // Exercise 7.6: gather the actions of the grants with needed's type and name; '*' among
        //   them allows all; otherwise every needed action must be among them.
        return Exercise.todo("7.6", "gather the actions of the grants with needed's type and name; '*' among them allows all; otherwise every needed action must be among them.");
    }
    // end::covers[]
}
