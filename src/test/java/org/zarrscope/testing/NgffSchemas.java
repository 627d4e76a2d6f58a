package org.zarrscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The official OME-NGFF 0.4 JSON schemas, loaded offline from the folder named by the system
 * property {@code ngff.schemas} (surefire sets it to {@code ../shared/ngff/schemas}); every schema
 * is registered under its published URI so that {@code $ref}s between them resolve without a network.
 */
public final class NgffSchemas {
    public static final String VERSION = "0.4";
    public static final String BASE_URI = "https://ngff.openmicroscopy.org/" + VERSION + "/schemas/";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile SchemaRegistry registry;
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private NgffSchemas() {
    }

    /** The folder holding {@code 0.4/*.schema}; fails with a clear message when it is not configured or missing. */
    public static Path directory() {
        String configured = System.getProperty("ngff.schemas");
        if (configured == null || configured.trim().isEmpty()) {
            throw new IllegalStateException("system property ngff.schemas is not set: it must name the folder holding "
                    + VERSION + "/strict_image.schema (the pom's surefire configuration sets it; run through Maven)");
        }
        Path folder = Paths.get(configured).toAbsolutePath().normalize();
        Path versioned = folder.resolve(VERSION);
        if (!Files.isRegularFile(versioned.resolve("strict_image.schema"))) {
            throw new IllegalStateException("ngff.schemas=" + configured + " (" + folder + ") holds no "
                    + VERSION + "/strict_image.schema; the OME-NGFF schemas must be there");
        }
        return folder;
    }

    private static SchemaRegistry registry() {
        SchemaRegistry current = registry;
        if (current != null) {
            return current;
        }
        synchronized (NgffSchemas.class) {
            if (registry == null) {
                Map<String, String> byUri = new HashMap<>();
                Path versioned = directory().resolve(VERSION);
                try (Stream<Path> files = Files.list(versioned)) {
                    for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".schema"))::iterator) {
                        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                        byUri.put(BASE_URI + file.getFileName(), text);
                        JsonNode id = MAPPER.readTree(text).get("$id");
                        if (id != null && id.isTextual()) {
                            byUri.put(id.asText(), text);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the NGFF schemas in " + versioned, e);
                }
                if (byUri.isEmpty()) {
                    throw new IllegalStateException("no *.schema files in " + versioned);
                }
                registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(byUri));
            }
            return registry;
        }
    }

    /** The schema {@code name} of version 0.4, e.g. {@code strict_image} (the suffix {@code .schema} is optional). */
    public static Schema schema(String name) {
        String file = name.endsWith(".schema") ? name : name + ".schema";
        if (!Files.isRegularFile(directory().resolve(VERSION).resolve(file))) {
            throw new IllegalArgumentException("no NGFF " + VERSION + " schema " + file + " in " + directory());
        }
        return SCHEMAS.computeIfAbsent(file, f -> registry().getSchema(SchemaLocation.of(BASE_URI + f)));
    }

    /**
     * The violations of {@code doc} against schema {@code schemaName}, one line each
     * ({@code instance location, keyword: message}); empty when the document is valid.
     */
    public static List<String> violations(String schemaName, JsonNode doc) {
        List<String> lines = new ArrayList<>();
        for (Error error : schema(schemaName).validate(doc)) {
            lines.add(error.getInstanceLocation() + " [" + error.getKeyword() + "] " + error.getMessage());
        }
        return lines;
    }
}
