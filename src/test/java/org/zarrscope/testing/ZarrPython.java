package org.zarrscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads datasets back with Debian's zarr-python through the test resource {@code zarr_planes.py}:
 * shape, dtype and a SHA-256 per {@code (t, c, z)} plane, so a test can compare every plane with
 * the pixels it expects without moving pixels between processes.
 *
 * <pre>{@code
 * ZarrPython.Request request = new ZarrPython.Request();
 * request.add("a", datasetFolder, "0");
 * Map<String, ZarrPython.Dataset> read = ZarrPython.read(request);
 * assertEquals(ZarrPython.sha256(expectedPlane), read.get("a").plane(t, c, z));
 * }</pre>
 *
 * <p>The interpreter is the system property {@code zarr.python} (set by surefire), by default
 * {@code /usr/bin/python3}; the {@code python3} on PATH may be another one without zarr.
 * Failures of the interpreter itself throw an {@link AssertionError} with its exit code and
 * stderr; a dataset that zarr-python cannot open is reported by {@link Dataset#error()}.
 */
public final class ZarrPython {
    /** The system property naming the interpreter that has zarr-python installed. */
    public static final String PYTHON_PROPERTY = "zarr.python";
    private static final String DEFAULT_PYTHON = "/usr/bin/python3";
    private static final String SCRIPT_RESOURCE = "/zarr_planes.py";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ZarrPython() {
    }

    /** The interpreter the tests run. */
    public static String python() {
        String configured = System.getProperty(PYTHON_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_PYTHON : configured;
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
         * chunk files all exist on disk are read, and undecodable ones go to {@link Dataset#planeErrors()}.
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

    /** What zarr-python read of one dataset. */
    public static final class Dataset {
        private final String id;
        private final JsonNode json;

        Dataset(String id, JsonNode json) {
            this.id = id;
            this.json = json;
        }

        public String id() { return id; }

        /** Why zarr-python could not open or read the dataset (with its traceback), or {@code null}. */
        public String error() {
            JsonNode error = json.get("error");
            return error == null || error.isNull() ? null : error.asText();
        }

        /** The array's shape {@code (t, c, z, y, x)}, or {@code null} when it could not be opened. */
        public int[] shape() { return ints(json.get("shape")); }

        /** The array's chunk shape, or {@code null} when it could not be opened. */
        public int[] chunks() { return ints(json.get("chunks")); }

        /** numpy's dtype string, e.g. {@code <u2} or {@code |u1}. */
        public String dtype() {
            JsonNode dtype = json.get("dtype");
            return dtype == null ? null : dtype.asText();
        }

        /** The path of the first multiscales dataset in the group's {@code .zattrs}. */
        public String multiscalesPath() {
            JsonNode path = json.get("multiscales_path");
            return path == null ? null : path.asText();
        }

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

        /** Fails with zarr-python's message when the dataset could not be opened or read. */
        public Dataset assertReadable() {
            if (error() != null) {
                throw new AssertionError("zarr-python could not read dataset " + id + ": " + error());
            }
            return this;
        }

        @Override
        public String toString() {
            return id + ": " + json;
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
     * @throws AssertionError if python cannot be started, fails, times out or answers nonsense
     */
    public static Map<String, Dataset> read(Request request, Duration timeout) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("zarr-python");
        try {
            Path script = work.resolve("zarr_planes.py");
            try (InputStream resource = ZarrPython.class.getResourceAsStream(SCRIPT_RESOURCE)) {
                if (resource == null) {
                    throw new AssertionError("the test resource " + SCRIPT_RESOURCE + " is not on the class path");
                }
                Files.copy(resource, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path input = work.resolve("request.json");
            Path output = work.resolve("stdout.json");
            Path errors = work.resolve("stderr.txt");
            Files.write(input, request.json().getBytes(StandardCharsets.UTF_8));
            ProcessBuilder builder = new ProcessBuilder(python(), script.toString())
                    .redirectInput(input.toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError("cannot start " + python() + " (system property " + PYTHON_PROPERTY
                        + "): " + e.getMessage(), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(python() + " zarr_planes.py did not finish within " + timeout
                        + "; stderr:\n" + read(errors));
            }
            String stdout = read(output);
            if (process.exitValue() != 0) {
                throw new AssertionError(python() + " zarr_planes.py exited with " + process.exitValue() + "; stderr:\n"
                        + read(errors) + "\nstdout:\n" + abbreviate(stdout));
            }
            JsonNode answer;
            try {
                answer = MAPPER.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("zarr_planes.py did not answer JSON: " + e.getMessage() + "\nstdout:\n"
                        + abbreviate(stdout) + "\nstderr:\n" + read(errors), e);
            }
            Map<String, Dataset> datasets = new LinkedHashMap<>();
            for (String id : request.ids()) {
                JsonNode entry = answer == null ? null : answer.path("datasets").get(id);
                if (entry == null) {
                    throw new AssertionError("zarr_planes.py gave no answer for dataset " + id + "; stderr:\n"
                            + read(errors));
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
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes.duplicate());
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest.digest()) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** SHA-256 hex of {@code length} zero bytes: a plane that was never written. */
    public static String sha256OfZeros(int length) {
        return sha256(ByteBuffer.allocate(length));
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
