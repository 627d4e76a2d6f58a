package org.zarrscope.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zarrscope.testing.ExternalReader;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.Zarrita;

/**
 * Every array of a dataset (full resolution and pyramid levels) as the independent reader of its
 * format reads it: zarr-python for v2, zarrita for v3, one reader process per dataset.
 */
final class IndependentRead {
    private IndependentRead() {
    }

    /**
     * The arrays the root group's multiscales declares, keyed by array path; only full resolution
     * when the metadata cannot be read (the reader then says why). With {@code onlyExistingChunks}
     * only planes whose chunk (v2) or shard (v3) file exists are read, and a plane that does not
     * decode is reported rather than failing the array: the reading of a killed writer's dataset.
     */
    static Map<String, ? extends ExternalReader.Dataset<?>> of(Path dataset, TrialConfig config,
                                                                boolean onlyExistingChunks)
            throws IOException, InterruptedException {
        List<String> arrays = declaredArrays(dataset, config);
        if (config.v3) {
            Zarrita.Request request = new Zarrita.Request();
            arrays.forEach(array -> request.add(array, dataset, array, onlyExistingChunks));
            return Zarrita.read(request);
        }
        ZarrPython.Request request = new ZarrPython.Request();
        arrays.forEach(array -> request.add(array, dataset, array, onlyExistingChunks));
        return ZarrPython.read(request);
    }

    /**
     * The dataset paths of the first multiscales of the root group, read as plain JSON. A killed
     * streaming-pyramid run declares only full resolution: the levels are listed when the run finishes.
     */
    private static List<String> declaredArrays(Path dataset, TrialConfig config) throws IOException {
        List<String> arrays = new ArrayList<>();
        Path metadata = config.rootAttributes(dataset);
        if (Files.exists(metadata)) {
            JsonNode root = new ObjectMapper().readTree(metadata.toFile());
            JsonNode attributes = config.v3 ? root.path("attributes").path("ome") : root;
            attributes.path("multiscales").path(0).path("datasets").forEach(level -> arrays.add(level.path("path").asText()));
        }
        return arrays.isEmpty() ? List.of("0") : arrays;
    }

    /** The shape of the chunks a plane is decoded from: the inner chunk when sharded. */
    static int[] decodedChunk(ExternalReader.Dataset<?> array) {
        if (array instanceof Zarrita.Dataset && ((Zarrita.Dataset) array).sharded()) {
            return ((Zarrita.Dataset) array).innerChunks();
        }
        return array.chunks();
    }

    /** The hash of a plane of {@code array} that was never written (fill value 0, uint16). */
    static String unwritten(ExternalReader.Dataset<?> array) {
        int[] shape = array.shape();
        return ZarrPython.sha256OfZeros(shape[3] * shape[4] * 2);
    }
}
