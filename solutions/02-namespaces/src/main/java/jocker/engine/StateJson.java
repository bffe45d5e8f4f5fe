package jocker.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JacksonJrExtension;
import com.fasterxml.jackson.jr.ob.api.ExtensionContext;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterProvider;
import com.fasterxml.jackson.jr.ob.api.ValueReader;
import com.fasterxml.jackson.jr.ob.api.ValueWriter;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import com.fasterxml.jackson.jr.ob.impl.JSONWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The JSON of the files every command reads: {@code state.json} and the
 * events log. Every {@code jocker} command is a new JVM, and Jackson's
 * databind costs a cold one about 0.1 s before its first object (its
 * defaults, a date format with the locale's calendar, then a deserializer
 * built by reflection for each type): more than all the rest of
 * {@code jocker ps}. jackson-jr, the small library on the same parser that
 * the init reads {@code config.json} with, reads and writes records by their
 * components in a fraction of that. The other files of a container keep
 * databind ({@link ContainerStore#readJson}): their annotations name fields
 * as Docker does, and only the commands that need them pay for it.
 *
 * <p>Written as databind wrote them, so that a store made before reads the
 * same: an {@link Instant} as ISO-8601 text, a null field left out.
 */
public final class StateJson {

    /** Records by their components; no {@code isRunning()} "property" written into the file. */
    public static final JSON JSON = com.fasterxml.jackson.jr.ob.JSON.builder()
            .register(new JacksonJrExtension() {
                @Override
                protected void register(ExtensionContext context) {
                    context.insertProvider(new Instants());
                }
            })
            .build()
            .without(com.fasterxml.jackson.jr.ob.JSON.Feature.USE_IS_GETTERS);

    /**
     * For a document a person reads ({@code jocker inspect}): indented as
     * databind indents, a null written as {@code null}.
     */
    public static final JSON PRINTED = JSON.with(com.fasterxml.jackson.jr.ob.JSON.Feature.PRETTY_PRINT_OUTPUT,
            com.fasterxml.jackson.jr.ob.JSON.Feature.WRITE_NULL_PROPERTIES);

    private StateJson() {
    }

    /** {@code value} as JSON text in UTF-8. */
    public static byte[] bytes(Object value) throws IOException {
        return JSON.asBytes(value);
    }

    /** {@code json} as a {@code type} (a record, or a Map); an error names what did not fit, as an IOException. */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        try {
            return type == Map.class ? type.cast(JSON.mapFrom(json)) : JSON.beanFrom(type, json);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** {@link Instant} as {@link Instant#toString()} writes it and {@link Instant#parse} reads it back. */
    private static final class Instants extends ReaderWriterProvider {

        @Override
        public ValueReader findValueReader(JSONReader context, Class<?> type) {
            if (type != Instant.class) {
                return null;
            }
            return new ValueReader(Instant.class) {
                @Override
                public Object read(JSONReader reader, JsonParser p) throws IOException {
                    if (p.currentToken() == JsonToken.VALUE_NULL) {
                        return null;
                    }
                    String text = p.getValueAsString();
                    try {
                        return Instant.parse(text);
                    } catch (DateTimeParseException | NullPointerException e) {
                        throw new IOException("not a time: " + p.getText(), e);
                    }
                }
            };
        }

        @Override
        public ValueWriter findValueWriter(JSONWriter context, Class<?> type) {
            if (type != Instant.class) {
                return null;
            }
            return new ValueWriter() {
                @Override
                public void writeValue(JSONWriter writer, JsonGenerator g, Object value) throws IOException {
                    g.writeString(value.toString());
                }

                @Override
                public Class<?> valueType() {
                    return Instant.class;
                }
            };
        }
    }
}
