package jocker.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container is created from: {@code jocker run}'s options, and from
 * chapter 6 the body of the Engine API's {@code POST /containers/create}.
 * Later chapters add their own typed part ({@link #with}, {@link #get}):
 * chapter 3 its {@code Limits}, read by its {@link Feature}.
 *
 * @param name       the container's name, or null for a generated one
 * @param hostname   the hostname inside, or null for the short ID, as Docker does
 * @param env        the environment, {@code KEY=VALUE} each
 * @param workdir    the working directory inside
 * @param autoRemove remove the container when it exits ({@code --rm})
 */
public record CreateRequest(String image, List<String> command, String name, String hostname, List<String> env,
                            String workdir, boolean autoRemove, Map<Class<?>, Object> parts) {

    public CreateRequest {
        command = List.copyOf(command);
        env = List.copyOf(env);
        parts = Map.copyOf(parts);
    }

    public CreateRequest(String image, List<String> command, String name, String hostname, List<String> env,
                         String workdir, boolean autoRemove) {
        this(image, command, name, hostname, env, workdir, autoRemove, Map.of());
    }

    /** The same request with a chapter's part added, such as chapter 3's limits. */
    public CreateRequest with(Object part) {
        Map<Class<?>, Object> more = new LinkedHashMap<>(parts);
        more.put(part.getClass(), part);
        return new CreateRequest(image, command, name, hostname, env, workdir, autoRemove, more);
    }

    /** The part of this type, or null. */
    public <T> T get(Class<T> type) {
        return type.cast(parts.get(type));
    }
}
