package org.zarrscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads every resolution level of Zarr v2 datasets with Debian's zarr-python and computes the
 * pyramid the documented rule gives, with numpy, from level 0 alone, through the test resource
 * {@code pyramid_levels.py}: per level the shape, and a SHA-256 per {@code (t, c, z)} plane of what
 * is on disk and of what numpy computed, plus the count of pixels that differ and the first one.
 * The interpreter is {@link ZarrPython#python()}; the script is run, and its answer read, by
 * {@link ExternalReader}.
 *
 * <pre>{@code
 * NumpyPyramid.Request request = new NumpyPyramid.Request();
 * request.add("a", datasetFolder, "0");
 * for (NumpyPyramid.Level level : NumpyPyramid.read(request).get("a").assertReadable().levels()) {
 *     assertEquals(0, level.mismatchedPixels(), level.firstMismatch());
 * }
 * }</pre>
 */
public final class NumpyPyramid {
    private static final String SCRIPT = "pyramid_levels.py";

    private NumpyPyramid() {
    }

    /** The datasets to check in one run of the script; the array added is level 0. */
    public static final class Request extends ExternalReader.Request<Request> {
    }

    /** What the script found in one dataset. */
    public static final class Dataset extends ExternalReader.Dataset<Dataset> {
        Dataset(String id, JsonNode json) {
            super("zarr-python + numpy", id, json);
        }

        /** The multiscales {@code type}, the method the expected levels were computed with. */
        public String type() {
            return text(json().get("type"));
        }

        /** Every level the multiscales declares, level 0 first. */
        public List<Level> levels() {
            List<Level> levels = new ArrayList<>();
            json().path("levels").forEach(level -> levels.add(new Level(level)));
            return levels;
        }
    }

    /** One level as read from disk, beside the level numpy computed. */
    public static final class Level {
        private final JsonNode json;

        Level(JsonNode json) {
            this.json = json;
        }

        public String path() { return json.path("path").asText(); }

        public int[] shape() { return ExternalReader.Dataset.ints(json.get("shape")); }

        public int[] expectedShape() { return ExternalReader.Dataset.ints(json.get("expected_shape")); }

        public int[] chunks() { return ExternalReader.Dataset.ints(json.get("chunks")); }

        /** numpy's dtype, e.g. {@code <u4}. */
        public String dtype() { return json.path("dtype").asText(); }

        /** SHA-256 per plane {@code "t,c,z"} of the level on disk. */
        public Map<String, String> planes() { return ExternalReader.Dataset.textMap(json.get("planes")); }

        /** SHA-256 per plane {@code "t,c,z"} of the level numpy computed from level 0. */
        public Map<String, String> expectedPlanes() { return ExternalReader.Dataset.textMap(json.get("expected_planes")); }

        /** Pixels that differ from numpy's; -1 when the shapes differ. */
        public long mismatchedPixels() { return json.path("mismatched_pixels").asLong(-1); }

        /** The first differing pixel, its value and numpy's, or {@code null}. */
        public String firstMismatch() { return ExternalReader.Dataset.text(json.get("first_mismatch")); }
    }

    /** Runs the script once for every dataset of the request, waiting at most 5 minutes. */
    public static Map<String, Dataset> read(Request request) throws IOException, InterruptedException {
        return new ExternalReader(ZarrPython.python(), "system property " + ZarrPython.PYTHON_PROPERTY, SCRIPT)
                .run(request, Duration.ofMinutes(5), work -> ZarrPython.copyScript(work, SCRIPT), Dataset::new);
    }
}
