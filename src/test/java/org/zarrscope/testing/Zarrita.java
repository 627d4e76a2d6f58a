package org.zarrscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads Zarr v3 / OME-NGFF 0.5 datasets back with zarrita (JavaScript, run by Node) through
 * {@code src/test/node/zarr_v3_planes.mjs}: shape, data type, chunk and shard shapes and a SHA-256
 * per {@code (t, c, z)} plane, so a test can compare every plane with the pixels it expects without
 * moving pixels between processes. The v3 twin of {@link ZarrPython}.
 *
 * <pre>{@code
 * Zarrita.Request request = new Zarrita.Request();
 * request.add("a", datasetFolder, "0");
 * Map<String, Zarrita.Dataset> read = Zarrita.read(request);
 * assertEquals(Zarrita.sha256(expectedPlane), read.get("a").assertReadable().plane(t, c, z));
 * }</pre>
 *
 * <p>zarrita is installed from the npm registry by {@code npm ci --prefix src/test/node} (as
 * {@code .ci/run} does) into {@code src/test/node/node_modules}; without it {@link #read} fails with
 * an {@link AssertionError} saying so. The script is found under the project folder: the system
 * property {@code basedir} (set by surefire), else the working directory. Node is the system
 * property {@code zarrita.node}, by default {@code node} on the PATH.
 *
 * <p>The script is stricter than zarrita alone: it verifies the {@code crc32c} of shard indexes,
 * refuses byte ranges past the end of a file and chunks that do not decode to their full chunk
 * size, and refuses {@code index_location: "start"}, which zarrita would misread. Failures of Node
 * itself throw an {@link AssertionError} with its exit code and stderr; a dataset that cannot be
 * opened or read is reported by {@link Dataset#error()}.
 */
public final class Zarrita {
    /** The system property naming the Node executable; {@code node} on the PATH when unset. */
    public static final String NODE_PROPERTY = "zarrita.node";
    private static final String DEFAULT_NODE = "node";
    private static final String NODE_FOLDER = "src/test/node";
    private static final String SCRIPT = "zarr_v3_planes.mjs";
    private static final String INSTALL = "npm ci --prefix src/test/node";
    /** The script's exit code when it cannot import zarrita. */
    private static final int EXIT_NOT_INSTALLED = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Zarrita() {
    }

    /** The Node executable the tests run. */
    public static String node() {
        String configured = System.getProperty(NODE_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_NODE : configured;
    }

    /** The project folder: the system property {@code basedir} (surefire sets it), else the working directory. */
    public static Path projectDirectory() {
        String basedir = System.getProperty("basedir");
        if (basedir == null || basedir.isBlank()) {
            basedir = System.getProperty("user.dir");
        }
        return Paths.get(basedir).toAbsolutePath();
    }

    /** {@code src/test/node} of the project, holding the script, package.json and node_modules. */
    public static Path nodeFolder() {
        return projectDirectory().resolve(NODE_FOLDER);
    }

    /** The datasets to read in one run of the script. */
    public static final class Request {
        private final ArrayNode datasets = MAPPER.createArrayNode();
        private final List<String> ids = new ArrayList<>();

        /** Reads every plane of the array {@code array} (e.g. {@code 0}) of the image group at {@code path}. */
        public Request add(String id, Path path, String array) {
            return add(id, path, array, false);
        }

        /**
         * Like {@link #add(String, Path, String)}; with {@code onlyExistingChunks} only planes whose
         * chunk files (shard files when sharded) all exist on disk are read, and undecodable ones go to
         * {@link Dataset#planeErrors()}.
         */
        public Request add(String id, Path path, String array, boolean onlyExistingChunks) {
            if (ids.contains(id)) {
                throw new IllegalArgumentException("dataset id " + id + " is given twice");
            }
            ids.add(id);
            ObjectNode entry = datasets.addObject();
            entry.put("id", id);
            entry.put("path", path.toAbsolutePath().toString());
            entry.put("array", array);
            if (onlyExistingChunks) {
                entry.put("only_existing_chunks", true);
            }
            return this;
        }

        public List<String> ids() {
            return Collections.unmodifiableList(ids);
        }

        String json() throws IOException {
            ObjectNode root = MAPPER.createObjectNode();
            root.set("datasets", datasets);
            return MAPPER.writeValueAsString(root);
        }
    }

    /** What zarrita read of one dataset. */
    public static final class Dataset {
        private final String id;
        private final JsonNode json;

        Dataset(String id, JsonNode json) {
            this.id = id;
            this.json = json;
        }

        public String id() { return id; }

        /** Why the dataset could not be opened or read (with the JavaScript stack), or {@code null}. */
        public String error() {
            JsonNode error = json.get("error");
            return error == null || error.isNull() ? null : error.asText();
        }

        /** The array's shape {@code (t, c, z, y, x)}, or {@code null} when it could not be opened. */
        public int[] shape() { return ints(json.get("shape")); }

        /** The chunk grid's {@code chunk_shape}: the shard shape when sharded; {@code null} when not opened. */
        public int[] chunks() { return ints(json.get("chunks")); }

        /** The {@code sharding_indexed} inner chunk shape, or {@code null} when the array is not sharded. */
        public int[] innerChunks() { return ints(json.get("inner_chunks")); }

        /** Whether the array's codec is {@code sharding_indexed}. */
        public boolean sharded() { return json.path("sharded").asBoolean(false); }

        /** The Zarr v3 {@code data_type}, e.g. {@code uint16}. */
        public String dtype() { return text(json.get("dtype")); }

        /** The names of the array's codecs in order, e.g. {@code [bytes, blosc]} or {@code [sharding_indexed]}. */
        public List<String> codecs() { return texts(json.get("codecs")); }

        /** The names of the codecs inside {@code sharding_indexed}, or an empty list when not sharded. */
        public List<String> innerCodecs() { return texts(json.get("inner_codecs")); }

        /** The names of the shard index codecs, e.g. {@code [bytes, crc32c]}, or an empty list when not sharded. */
        public List<String> indexCodecs() { return texts(json.get("index_codecs")); }

        /** The array's {@code dimension_names}, or an empty list when it has none. */
        public List<String> dimensionNames() { return texts(json.get("dimension_names")); }

        /** The array's {@code fill_value} as written in its {@code zarr.json}. */
        public JsonNode fillValue() { return json.get("fill_value"); }

        /** The group's {@code attributes.ome.version}, e.g. {@code 0.5}. */
        public String omeVersion() { return text(json.get("ome_version")); }

        /** The path of the first multiscales dataset in the group's {@code attributes.ome}. */
        public String multiscalesPath() { return text(json.get("multiscales_path")); }

        /** The SHA-256 hex of plane {@code (t, c, z)}, or {@code null} when it was not read. */
        public String plane(int t, int c, int z) {
            JsonNode hash = json.path("planes").get(t + "," + c + "," + z);
            return hash == null ? null : hash.asText();
        }

        /** Every plane read, keyed {@code "t,c,z"}, in the order the script read them. */
        public Map<String, String> planes() {
            return textMap(json.get("planes"));
        }

        /** Planes whose chunks exist but could not be decoded ({@code only_existing_chunks} only). */
        public Map<String, String> planeErrors() {
            return textMap(json.get("plane_errors"));
        }

        /** The script's whole answer for this dataset. */
        public JsonNode json() {
            return json;
        }

        /** Fails with zarrita's message when the dataset could not be opened or read. */
        public Dataset assertReadable() {
            if (error() != null) {
                throw new AssertionError("zarrita could not read dataset " + id + ": " + error());
            }
            return this;
        }

        @Override
        public String toString() {
            return id + ": " + json;
        }

        private static String text(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }

        private static List<String> texts(JsonNode node) {
            List<String> list = new ArrayList<>();
            if (node != null && node.isArray()) {
                for (JsonNode item : node) {
                    list.add(item.asText());
                }
            }
            return list;
        }

        private static Map<String, String> textMap(JsonNode node) {
            Map<String, String> map = new LinkedHashMap<>();
            if (node != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), entry.getValue().asText());
                }
            }
            return map;
        }

        private static int[] ints(JsonNode node) {
            if (node == null || !node.isArray()) {
                return null;
            }
            int[] values = new int[node.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = node.get(i).asInt();
            }
            return values;
        }
    }

    /** Runs the script once for every dataset of the request, waiting at most 5 minutes. */
    public static Map<String, Dataset> read(Request request) throws IOException, InterruptedException {
        return read(request, Duration.ofMinutes(5));
    }

    /**
     * Runs the script once for every dataset of the request.
     *
     * @return the datasets by id, each present (possibly with an {@link Dataset#error()})
     * @throws AssertionError if zarrita is not installed, or Node cannot be started, fails, times out
     *     or answers nonsense
     */
    public static Map<String, Dataset> read(Request request, Duration timeout) throws IOException, InterruptedException {
        Path folder = nodeFolder();
        Path script = folder.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new AssertionError("the zarrita reader " + script + " is missing (project folder " + projectDirectory()
                    + ", from the system property basedir or the working directory)");
        }
        if (!Files.isRegularFile(folder.resolve("node_modules/zarrita/package.json"))) {
            throw notInstalled(folder, "");
        }
        Path work = Files.createTempDirectory("zarrita");
        try {
            Path input = work.resolve("request.json");
            Path output = work.resolve("stdout.json");
            Path errors = work.resolve("stderr.txt");
            Files.write(input, request.json().getBytes(StandardCharsets.UTF_8));
            ProcessBuilder builder = new ProcessBuilder(node(), script.toString())
                    .directory(projectDirectory().toFile())
                    .redirectInput(input.toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError("cannot start " + node() + " (system property " + NODE_PROPERTY
                        + "; Node 18 or later is needed): " + e.getMessage(), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(node() + " " + SCRIPT + " did not finish within " + timeout
                        + "; stderr:\n" + read(errors));
            }
            String stdout = read(output);
            if (process.exitValue() == EXIT_NOT_INSTALLED) {
                throw notInstalled(folder, read(errors));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(node() + " " + SCRIPT + " exited with " + process.exitValue() + "; stderr:\n"
                        + read(errors) + "\nstdout:\n" + abbreviate(stdout));
            }
            JsonNode answer;
            try {
                answer = MAPPER.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError(SCRIPT + " did not answer JSON: " + e.getMessage() + "\nstdout:\n"
                        + abbreviate(stdout) + "\nstderr:\n" + read(errors), e);
            }
            Map<String, Dataset> datasets = new LinkedHashMap<>();
            for (String id : request.ids()) {
                JsonNode entry = answer == null ? null : answer.path("datasets").get(id);
                if (entry == null) {
                    throw new AssertionError(SCRIPT + " gave no answer for dataset " + id + "; stderr:\n" + read(errors));
                }
                datasets.put(id, new Dataset(id, entry));
            }
            return datasets;
        } finally {
            deleteTree(work);
        }
    }

    /** SHA-256 hex of the buffer's remaining bytes (position to limit); the buffer is not moved. */
    public static String sha256(ByteBuffer bytes) {
        return ZarrPython.sha256(bytes);
    }

    /** SHA-256 hex of {@code length} zero bytes: a plane that was never written (fill value 0). */
    public static String sha256OfZeros(int length) {
        return ZarrPython.sha256OfZeros(length);
    }

    private static AssertionError notInstalled(Path folder, String stderr) {
        return new AssertionError("zarrita is not installed in " + folder.resolve("node_modules")
                + ": run `" + INSTALL + "` in " + projectDirectory() + " (the npm registry must be reachable)"
                + (stderr.isEmpty() ? "" : "\nstderr:\n" + stderr));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }

    private static String abbreviate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "... (" + text.length() + " characters)";
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
