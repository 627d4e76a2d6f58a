package org.zarrscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads Zarr v3 / OME-NGFF 0.5 datasets back with zarrita (JavaScript, run by Node) through
 * {@code src/test/node/zarr_v3_planes.mjs}: shape, data type, chunk and shard shapes and a SHA-256
 * per {@code (t, c, z)} plane, so a test can compare every plane with the pixels it expects without
 * moving pixels between processes. The v3 twin of {@link ZarrPython}; both run their script and
 * read its answer through {@link ExternalReader}.
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
    /** Reads kerchunk reference files through zarrita's {@code ReferenceStore}. */
    private static final String REFERENCE_SCRIPT = "reference_planes.mjs";
    private static final String INSTALL = "npm ci --prefix src/test/node";
    /** The script's exit code when it cannot import zarrita. */
    private static final int EXIT_NOT_INSTALLED = 3;

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
    public static final class Request extends ExternalReader.Request<Request> {
    }

    /** What zarrita read of one dataset ({@link #dtype()} is the Zarr v3 {@code data_type}, e.g. {@code uint16}). */
    public static final class Dataset extends ExternalReader.Dataset<Dataset> {
        Dataset(String id, JsonNode json) {
            super("zarrita", id, json);
        }

        /** The {@code sharding_indexed} inner chunk shape, or {@code null} when the array is not sharded. */
        public int[] innerChunks() { return ints(json().get("inner_chunks")); }

        /** Whether the array's codec is {@code sharding_indexed}. */
        public boolean sharded() { return json().path("sharded").asBoolean(false); }

        /** The names of the array's codecs in order, e.g. {@code [bytes, blosc]} or {@code [sharding_indexed]}. */
        public List<String> codecs() { return texts(json().get("codecs")); }

        /** The names of the codecs inside {@code sharding_indexed}, or an empty list when not sharded. */
        public List<String> innerCodecs() { return texts(json().get("inner_codecs")); }

        /** The names of the shard index codecs, e.g. {@code [bytes, crc32c]}, or an empty list when not sharded. */
        public List<String> indexCodecs() { return texts(json().get("index_codecs")); }

        /** The array's {@code dimension_names}, or an empty list when it has none. */
        public List<String> dimensionNames() { return texts(json().get("dimension_names")); }

        /** The array's {@code fill_value} as written in its {@code zarr.json}. */
        public JsonNode fillValue() { return json().get("fill_value"); }

        /** The group's {@code attributes.ome.version}, e.g. {@code 0.5}. */
        public String omeVersion() { return text(json().get("ome_version")); }
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
        return run(SCRIPT, request, timeout);
    }

    /**
     * Reads kerchunk reference files ({@code zarrscope convert --reference}) through zarrita's
     * {@code ReferenceStore} with {@code src/test/node/reference_planes.mjs}: each request's path is
     * the reference file, its array the array's path below the file's root ({@code 0}, or
     * {@code A/1/0/0} in a plate); the answer gives shape, dtype,
     * chunks, {@code ome_version} and every plane's SHA-256, as {@link #read} does.
     */
    public static Map<String, Dataset> readReferences(Request request) throws IOException, InterruptedException {
        return run(REFERENCE_SCRIPT, request, Duration.ofMinutes(5));
    }

    private static Map<String, Dataset> run(String scriptName, Request request, Duration timeout)
            throws IOException, InterruptedException {
        Path folder = nodeFolder();
        Path script = folder.resolve(scriptName);
        if (!Files.isRegularFile(script)) {
            throw new AssertionError("the zarrita reader " + script + " is missing (project folder " + projectDirectory()
                    + ", from the system property basedir or the working directory)");
        }
        if (!Files.isRegularFile(folder.resolve("node_modules/zarrita/package.json"))) {
            throw notInstalled(folder, "");
        }
        return new ExternalReader(node(), "system property " + NODE_PROPERTY + "; Node 18 or later is needed", scriptName)
                .in(projectDirectory())
                .exitMeaning((exitCode, stderr) -> exitCode == EXIT_NOT_INSTALLED ? notInstalled(folder, stderr) : null)
                .run(request, timeout, work -> script, Dataset::new);
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
}
