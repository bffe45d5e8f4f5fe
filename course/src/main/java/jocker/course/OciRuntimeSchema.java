package jocker.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.InputStreamSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks a bundle's {@code config.json} against the OCI runtime spec's own JSON schema,
 * so a test can tell whether what the engine wrote is a config that runc, crun or any
 * other OCI runtime would accept, without running one:
 *
 * <pre>
 * assertThat(OciRuntimeSchema.problems(bundle.resolve("config.json"))).isEmpty();
 * </pre>
 *
 * <p>The schema is the spec's {@code schema/config-schema.json} with the files it refers to
 * ({@code defs.json}, {@code config-linux.json}, ...), as Debian's package
 * {@code golang-github-opencontainers-specs-dev} installs them: it is read from there and
 * never copied into the repository. The system property {@value #DIRECTORY_PROPERTY}
 * names another directory holding the same files. Without the schema, {@link #problems}
 * aborts the calling test, which is then reported as skipped with the reason
 * {@link #unavailableReason()} gives, as {@link TestRootfs#create} does without busybox.
 *
 * <p>The schema is draft-04, has no {@code $id}, and its files refer to each other by
 * relative {@code $ref}s. They are loaded by their {@code file:} URIs, so the refs resolve
 * to the sibling files, and the loader serves only files of that directory: it never
 * fetches anything over the network.
 */
public final class OciRuntimeSchema {

    /** The system property that names the schema directory, ahead of the known places. */
    public static final String DIRECTORY_PROPERTY = "jocker.oci.schema.dir";

    /** The Debian package that installs the schema. */
    public static final String PACKAGE = "golang-github-opencontainers-specs-dev";

    /** The schema a bundle's config.json must match; the other files are its $refs. */
    static final String CONFIG_SCHEMA = "config-schema.json";

    /** Where Debian's package puts the schema (its Go source tree), then a user's GOPATH checkout. */
    static final List<Path> KNOWN_DIRECTORIES = List.of(
            Path.of("/usr/share/gocode/src/github.com/opencontainers/runtime-spec/schema"),
            Path.of(System.getProperty("user.home"), "go/src/github.com/opencontainers/runtime-spec/schema"));

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Compiled once per JVM; null until the first {@link #problems} call. */
    private static Schema schema;

    private OciRuntimeSchema() {
    }

    /**
     * The directory with {@value #CONFIG_SCHEMA}: the one the system property
     * {@value #DIRECTORY_PROPERTY} names if set (and nowhere else then), else the first
     * known place that has it.
     */
    public static Optional<Path> directory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        Stream<Path> candidates = property != null && !property.isBlank()
                ? Stream.of(Path.of(property))
                : KNOWN_DIRECTORIES.stream();
        return candidates
                .filter(dir -> Files.isRegularFile(dir.resolve(CONFIG_SCHEMA)))
                .map(dir -> dir.toAbsolutePath().normalize())
                .findFirst();
    }

    /** Whether the schema is installed, so that {@link #problems} validates. */
    public static boolean available() {
        return directory().isPresent();
    }

    /**
     * Why the schema cannot be used, for a skipped test's reason; empty when it can.
     */
    public static Optional<String> unavailableReason() {
        if (available()) {
            return Optional.empty();
        }
        String property = System.getProperty(DIRECTORY_PROPERTY);
        String looked = property != null && !property.isBlank()
                ? property + ", as -D" + DIRECTORY_PROPERTY + " says"
                : String.join(" or ", KNOWN_DIRECTORIES.stream().map(Path::toString).toList());
        return Optional.of("requires the OCI runtime spec's JSON schema, " + CONFIG_SCHEMA
                + " in " + looked + ": install the Debian package " + PACKAGE
                + ", or set -D" + DIRECTORY_PROPERTY + " to a directory that has it");
    }

    /** Aborts the calling test, which is then reported as skipped, when the schema is missing. */
    public static void assumeAvailable() {
        unavailableReason().ifPresent(Assumptions::abort);
    }

    /**
     * What is wrong with the config.json at {@code configJson}, one line per problem, each
     * naming the field as a JSON path ({@code $.linux.namespaces[0].type: ...}); empty
     * when the file matches the schema. A file that is not JSON is one problem.
     * Aborts the calling test when the schema is not installed ({@link #assumeAvailable}).
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static List<String> problems(Path configJson) {
        String text;
        try {
            text = Files.readString(configJson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configJson, e);
        }
        return problems(text);
    }

    /** {@link #problems(Path)} for a config.json's text. */
    public static List<String> problems(String configJson) {
        JsonNode config;
        try {
            config = JSON.readTree(configJson);
        } catch (JsonProcessingException e) {
            assumeAvailable();
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return problems(config);
    }

    /** {@link #problems(Path)} for a config.json already parsed. */
    public static List<String> problems(JsonNode config) {
        assumeAvailable();
        return schema().validate(config).stream()
                .map(OciRuntimeSchema::describe)
                .toList();
    }

    /**
     * The library's message, which begins with the instance's JSON path, and the value
     * found there when it is a plain one: {@code $.linux.namespaces[0].type: does not have
     * a value in the enumeration [...] (found "bogus")}.
     */
    private static String describe(com.networknt.schema.Error error) {
        String where = error.getInstanceLocation().toString();
        String message = error.getMessage().startsWith(where)
                ? error.getMessage()
                : where + ": " + error.getMessage();
        JsonNode found = error.getInstanceNode();
        return found != null && found.isValueNode() ? message + " (found " + found + ")" : message;
    }

    private static synchronized Schema schema() {
        if (schema == null) {
            schema = load(directory().orElseThrow(
                    () -> new IllegalStateException(unavailableReason().orElseThrow())));
        }
        return schema;
    }

    /**
     * The schema from {@code dir}, with a loader that reads the files of {@code dir} and
     * refuses every other URI: the draft-04 meta-schema that {@code $schema} names is built
     * into the library, and nothing is ever fetched.
     */
    static Schema load(Path dir) {
        String base = dir.toUri().toString();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder
                        // "$.linux.namespaces[0].type", in English whatever the JVM's locale.
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .pathType(PathType.JSON_PATH)
                                .locale(Locale.ENGLISH)
                                .build())
                        .schemaLoader(loader -> loader
                        .fetchRemoteResources(false)
                        .block(iri -> !iri.toString().startsWith(base))
                        .resourceLoaders(loaders -> loaders.values(list -> {
                            list.clear();
                            list.add(iri -> localFile(dir, base, iri));
                        }))));
        return registry.getSchema(SchemaLocation.of(base + CONFIG_SCHEMA));
    }

    /** The file of {@code dir} that {@code iri} names, or null (not ours) for any other IRI. */
    private static InputStreamSource localFile(Path dir, String base, AbsoluteIri iri) {
        String name = iri.toString();
        if (!name.startsWith(base)) {
            return null;
        }
        Path file = Path.of(URI.create(name)).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            return null;
        }
        return () -> Files.newInputStream(file);
    }
}
