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
 * The official OME-NGFF JSON schemas of versions 0.4 (Zarr v2, the default of the one-argument
 * methods) and 0.5 (Zarr v3), loaded offline from the folder named by the system property
 * {@code ngff.schemas} (the pom sets it to {@code src/test/resources/ngff-schemas}, the copy that
 * ships with the project, whose README names their source, commit and licence; override it with
 * {@code -Dngff.schemas=<folder>}), which holds one sub-folder per version; every schema is registered under its published URI
 * ({@code https://ngff.openmicroscopy.org/<version>/schemas/<file>}, and its {@code $id}) so that
 * {@code $ref}s between them resolve without a network.
 *
 * <p>A 0.4 schema validates the group's {@code .zattrs}; a 0.5 schema validates the
 * {@code attributes} object of the group's {@code zarr.json} (the one holding {@code ome}).
 */
public final class NgffSchemas {
    /** The version of the one-argument methods: OME-NGFF 0.4. */
    public static final String VERSION = "0.4";
    /** OME-NGFF 0.5, written with Zarr v3. */
    public static final String VERSION_0_5 = "0.5";
    /** The versions loaded. */
    public static final List<String> VERSIONS = List.of(VERSION, VERSION_0_5);
    public static final String BASE_URI = baseUri(VERSION);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile SchemaRegistry registry;
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private NgffSchemas() {
    }

    /** Where the schemas of {@code version} are published, e.g. {@code https://ngff.openmicroscopy.org/0.5/schemas/}. */
    public static String baseUri(String version) {
        return "https://ngff.openmicroscopy.org/" + version + "/schemas/";
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
                for (String version : VERSIONS) {
                    Path versioned = directory().resolve(version);
                    if (!Files.isDirectory(versioned)) {
                        continue; // schema(version, name) says so when it is asked for
                    }
                    try (Stream<Path> files = Files.list(versioned)) {
                        for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".schema"))::iterator) {
                            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                            byUri.put(baseUri(version) + file.getFileName(), text);
                            JsonNode id = MAPPER.readTree(text).get("$id");
                            if (id != null && id.isTextual()) {
                                byUri.put(id.asText(), text);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the NGFF schemas in " + versioned, e);
                    }
                }
                if (byUri.isEmpty()) {
                    throw new IllegalStateException("no *.schema files in " + directory() + "/{" + VERSIONS + "}");
                }
                registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(byUri));
            }
            return registry;
        }
    }

    /** The schema {@code name} of version 0.4, e.g. {@code strict_image} (the suffix {@code .schema} is optional). */
    public static Schema schema(String name) {
        return schema(VERSION, name);
    }

    /** The schema {@code name} of {@code version} (one of {@link #VERSIONS}), e.g. {@code 0.5}, {@code strict_image}. */
    public static Schema schema(String version, String name) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("NGFF version " + version + " is not loaded; loaded: " + VERSIONS);
        }
        String file = name.endsWith(".schema") ? name : name + ".schema";
        if (!Files.isRegularFile(directory().resolve(version).resolve(file))) {
            throw new IllegalArgumentException("no NGFF " + version + " schema " + file + " in " + directory());
        }
        return SCHEMAS.computeIfAbsent(baseUri(version) + file, uri -> registry().getSchema(SchemaLocation.of(uri)));
    }

    /**
     * The violations of {@code doc} against the 0.4 schema {@code schemaName}, one line each
     * ({@code instance location, keyword: message}); empty when the document is valid.
     */
    public static List<String> violations(String schemaName, JsonNode doc) {
        return violations(VERSION, schemaName, doc);
    }

    /** Like {@link #violations(String, JsonNode)}, against the schema of {@code version}. */
    public static List<String> violations(String version, String schemaName, JsonNode doc) {
        List<String> lines = new ArrayList<>();
        for (Error error : schema(version, schemaName).validate(doc)) {
            lines.add(error.getInstanceLocation() + " [" + error.getKeyword() + "] " + error.getMessage());
        }
        return lines;
    }
}
