package jocker.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.CreateRequest;
import jocker.engine.Feature;
import jocker.engine.StateJson;
import jocker.spec.Spec;

/**
 * Chapter 2's confinement in the spec: {@code process.user},
 * {@code process.capabilities}, {@code process.noNewPrivileges}; for
 * {@code --privileged} every capability, no masked or read-only paths, a
 * writable /sys, and the annotation {@value Spec#ANNOTATION_PRIVILEGED} that
 * the later confinement steps (seccomp, devices) read. The init's
 * {@link ConfinementSteps} carry it out.
 *
 * <p>It runs after {@code jocker.namespaces.NamespacesFeature} (same chapter,
 * and features of a chapter run in class-name order), so that
 * {@code --privileged} can take back the masks that one adds.
 */
public final class ConfinementFeature implements Feature {

    /** What the user asked, for {@code inspect}'s HostConfig: JSON arrays. */
    static final String ANNOTATION_CAP_ADD = "dev.jocker.cap-add";
    static final String ANNOTATION_CAP_DROP = "dev.jocker.cap-drop";
    static final String ANNOTATION_SECURITY_OPT = "dev.jocker.security-opt";


    @Override
    public int chapter() {
        return 2;
    }

    // tag::configure[]
    @Override
    public void configure(Spec spec, CreateRequest request, ContainerState state) {
        Confinement confinement = orDefault(request.get(Confinement.class), Confinement.DEFAULT);
        SecurityOpts options = orDefault(request.get(SecurityOpts.class), SecurityOpts.NONE);
        if (confinement.user() != null) {
            spec.process.user.uid = confinement.user().uid();
            spec.process.user.gid = confinement.user().gid();
        }
        List<String> kept = confinement.capabilities(Capabilities.hostLastCap());
        spec.process.capabilities = Confinement.forUser(kept, spec.process.user.uid);
        if (options.noNewPrivileges()) {
            spec.process.noNewPrivileges = true;
        }
        if (confinement.privileged()) {
            privileged(spec);
        }
        annotate(spec, ANNOTATION_CAP_ADD, confinement.capAdd());
        annotate(spec, ANNOTATION_CAP_DROP, confinement.capDrop());
        annotate(spec, ANNOTATION_SECURITY_OPT, options.values());
    }

    /** As Docker's {@code --privileged}: nothing masked, nothing read-only, /sys writable. */
    static void privileged(Spec spec) {
        spec.annotations.put(Spec.ANNOTATION_PRIVILEGED, "true");
        spec.linux().maskedPaths.clear();
        spec.linux().readonlyPaths.clear();
        for (Spec.Mount m : spec.mounts) {
            if (m.destination.equals("/sys") && m.options != null) {
                List<String> options = new ArrayList<>(m.options);
                options.remove("ro");
                m.options = options;
            }
        }
    }
    // end::configure[]

    /** Docker's HostConfig fields of confinement. */
    @Override
    @SuppressWarnings("unchecked")
    public void inspect(ContainerStore store, ContainerState state, Spec spec, Map<String, Object> doc)
            throws IOException {
        Map<String, Object> host = (Map<String, Object>) doc.computeIfAbsent("HostConfig", k -> new LinkedHashMap<>());
        host.put("CapAdd", annotation(spec, ANNOTATION_CAP_ADD));
        host.put("CapDrop", annotation(spec, ANNOTATION_CAP_DROP));
        host.put("Privileged", spec.privileged());
        host.put("SecurityOpt", annotation(spec, ANNOTATION_SECURITY_OPT));
        ((Map<String, Object>) doc.get("Config")).put("User",
                spec.process.user.uid == 0 && spec.process.user.gid == 0 ? ""
                        : spec.process.user.uid + (spec.process.user.gid != 0 ? ":" + spec.process.user.gid : ""));
    }

    private static void annotate(Spec spec, String key, List<String> values) {
        if (!values.isEmpty()) {
            try {
                spec.annotations.put(key, StateJson.JSON.asString(values));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The list in the annotation, or null as Docker shows an option not given. */
    private static List<String> annotation(Spec spec, String key) throws IOException {
        String value = spec.annotations.get(key);
        return value == null ? null : StateJson.JSON.listOfFrom(String.class, value);
    }

    private static <T> T orDefault(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
