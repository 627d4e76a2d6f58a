package org.zarrscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * What {@link ZarrPython} and {@link Zarrita} share: a reader script run once for many datasets,
 * given the {@link Request} as JSON on stdin ({@code {"datasets": [{"id", "path", "array",
 * "only_existing_chunks"}]}}) and answering JSON on stdout ({@code {"datasets": {id: {...}}}}),
 * one {@link Dataset} per id.
 *
 * <p>Failures of the program itself (cannot start, times out, exits non-zero, answers no JSON or
 * leaves a dataset out) throw an {@link AssertionError} with its exit code and stderr; a dataset the
 * script cannot open is reported by {@link Dataset#error()}.
 */
public final class ExternalReader {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Puts the script in place and gives its path; {@code work} is a fresh temporary folder to copy it into. */
    interface ScriptSource {
        Path scriptIn(Path work) throws IOException;
    }

    /** The failure an exit code with a meaning of its own stands for, or {@code null} for any other code. */
    interface ExitMeaning {
        AssertionError of(int exitCode, String stderr);
    }

    private final String program;
    private final String programHint;
    private final String scriptName;
    private Path directory;
    private ExitMeaning exitMeaning = (exitCode, stderr) -> null;

    /**
     * @param program the executable that runs the script, e.g. {@code /usr/bin/python3}
     * @param programHint said when the program cannot be started, e.g. {@code system property zarr.python}
     * @param scriptName the script's file name, for messages
     */
    ExternalReader(String program, String programHint, String scriptName) {
        this.program = program;
        this.programHint = programHint;
        this.scriptName = scriptName;
    }

    /** Runs the program in {@code folder} rather than in the test's working directory. */
    ExternalReader in(Path folder) {
        directory = folder;
        return this;
    }

    ExternalReader exitMeaning(ExitMeaning meaning) {
        exitMeaning = meaning;
        return this;
    }

    /**
     * Runs the script once for every dataset of the request.
     *
     * @return the datasets by id, each present (possibly with an {@link Dataset#error()})
     * @throws AssertionError if the program cannot be started, fails, times out or answers nonsense
     */
    <D> Map<String, D> run(Request<?> request, Duration timeout, ScriptSource source,
                           BiFunction<String, JsonNode, D> dataset) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("external-reader");
        try {
            Path script = source.scriptIn(work);
            Path input = work.resolve("request.json");
            Path output = work.resolve("stdout.json");
            Path errors = work.resolve("stderr.txt");
            Files.write(input, request.json().getBytes(StandardCharsets.UTF_8));
            ProcessBuilder builder = new ProcessBuilder(program, script.toString())
                    .redirectInput(input.toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError("cannot start " + program + " (" + programHint + "): " + e.getMessage(), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(program + " " + scriptName + " did not finish within " + timeout
                        + "; stderr:\n" + read(errors));
            }
            String stdout = read(output);
            AssertionError meant = exitMeaning.of(process.exitValue(), read(errors));
            if (meant != null) {
                throw meant;
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(program + " " + scriptName + " exited with " + process.exitValue()
                        + "; stderr:\n" + read(errors) + "\nstdout:\n" + abbreviate(stdout));
            }
            JsonNode answer;
            try {
                answer = MAPPER.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError(scriptName + " did not answer JSON: " + e.getMessage() + "\nstdout:\n"
                        + abbreviate(stdout) + "\nstderr:\n" + read(errors), e);
            }
            Map<String, D> datasets = new LinkedHashMap<>();
            for (String id : request.ids()) {
                JsonNode entry = answer == null ? null : answer.path("datasets").get(id);
                if (entry == null) {
                    throw new AssertionError(scriptName + " gave no answer for dataset " + id + "; stderr:\n"
                            + read(errors));
                }
                datasets.put(id, dataset.apply(id, entry));
            }
            return datasets;
        } finally {
            Folders.deleteTree(work);
        }
    }

    /**
     * The datasets to read in one run of the script.
     *
     * @param <R> the reader's own request type, which {@code add} returns for chaining
     */
    public abstract static class Request<R extends Request<R>> {
        private final ArrayNode datasets = MAPPER.createArrayNode();
        private final List<String> ids = new ArrayList<>();

        /** Reads every plane of the array {@code array} (e.g. {@code 0}) of the image group at {@code path}. */
        public R add(String id, Path path, String array) {
            return add(id, path, array, false);
        }

        /**
         * Like {@link #add(String, Path, String)}; with {@code onlyExistingChunks} only planes whose
         * chunk files (shard files when sharded) all exist on disk are read, and undecodable ones go
         * to {@link Dataset#planeErrors()}.
         */
        @SuppressWarnings("unchecked")
        public R add(String id, Path path, String array, boolean onlyExistingChunks) {
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
            return (R) this;
        }

        /**
         * Like {@link #add(String, Path, String)}, and also opens each of {@code groups} (paths
         * below {@code hierarchyRoot}, the dataset's root folder) as a Zarr group, as a viewer
         * walking the hierarchy does: a path that is no group fails the dataset, and
         * {@link Dataset#groupAttributes} gives each group's attributes as the reader saw them.
         */
        public R addWithGroups(String id, Path path, String array, Path hierarchyRoot, List<String> groups) {
            R request = add(id, path, array);
            ObjectNode entry = ((ObjectNode) datasets.get(datasets.size() - 1)).putObject("groups");
            entry.put("root", hierarchyRoot.toAbsolutePath().toString());
            groups.forEach(entry.putArray("paths")::add);
            return request;
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

    /**
     * What the script read of one dataset: the answers both scripts give.
     *
     * @param <D> the reader's own dataset type, which {@link #assertReadable()} returns
     */
    public abstract static class Dataset<D extends Dataset<D>> {
        private final String reader;
        private final String id;
        private final JsonNode json;

        /** {@code reader} names the reader in messages, e.g. {@code zarr-python}. */
        Dataset(String reader, String id, JsonNode json) {
            this.reader = reader;
            this.id = id;
            this.json = json;
        }

        public String id() { return id; }

        /** Why the dataset could not be opened or read (with the reader's traceback or stack), or {@code null}. */
        public String error() { return text(json.get("error")); }

        /** The array's shape {@code (t, c, z, y, x)}, or {@code null} when it could not be opened. */
        public int[] shape() { return ints(json.get("shape")); }

        /** The chunk grid's shape (the shard shape when sharded), or {@code null} when it could not be opened. */
        public int[] chunks() { return ints(json.get("chunks")); }

        /** The data type: numpy's dtype for zarr-python (e.g. {@code <u2}), the {@code data_type} for zarrita. */
        public String dtype() { return text(json.get("dtype")); }

        /** The path of the first multiscales dataset in the group's attributes. */
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

        /** The attributes of a group asked for with {@code addWithGroups}, or {@code null} when it was not opened. */
        public JsonNode groupAttributes(String groupPath) {
            return json.path("groups").get(groupPath);
        }

        /** The script's whole answer for this dataset. */
        public JsonNode json() {
            return json;
        }

        /** Fails with the reader's message when the dataset could not be opened or read. */
        @SuppressWarnings("unchecked")
        public D assertReadable() {
            if (error() != null) {
                throw new AssertionError(reader + " could not read dataset " + id + ": " + error());
            }
            return (D) this;
        }

        @Override
        public String toString() {
            return id + ": " + json;
        }

        static String text(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }

        static List<String> texts(JsonNode node) {
            List<String> list = new ArrayList<>();
            if (node != null && node.isArray()) {
                for (JsonNode item : node) {
                    list.add(item.asText());
                }
            }
            return list;
        }

        static Map<String, String> textMap(JsonNode node) {
            Map<String, String> map = new LinkedHashMap<>();
            if (node != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), entry.getValue().asText());
                }
            }
            return map;
        }

        static int[] ints(JsonNode node) {
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

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }

    private static String abbreviate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "... (" + text.length() + " characters)";
    }
}
