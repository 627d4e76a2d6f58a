package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.zarrscope.WriterSettings;
import org.zarrscope.store.Store;

/**
 * The Zarr v2 array document ({@code .zarray}) of a dataset being written: nested chunk keys
 * ({@code "dimension_separator": "/"}), little-endian dtype, fill value 0, and the shape, which
 * for an open-ended time-lapse grows as time points arrive.
 */
public final class ZarrV2Array {
    private final Store store;
    private final String path;
    private final WriterSettings settings;

    public ZarrV2Array(Store store, String path, WriterSettings settings) {
        this.store = store;
        this.path = path;
        this.settings = settings;
    }

    /** The array's key prefix in the store, e.g. {@code 0}. */
    public String path() {
        return path;
    }

    /** The store key of a chunk of this array. */
    public String chunkKey(String relativeKey) {
        return path + "/" + relativeKey;
    }

    /** Writes {@code .zarray} with {@code timeExtent} time points (used when time is unbounded). */
    public void writeMetadata(int timeExtent) throws IOException {
        ObjectNode zarray = ZarrJson.MAPPER.createObjectNode();
        zarray.put("zarr_format", 2);
        ArrayNode shape = zarray.putArray("shape");
        for (int size : settings.arrayShape(timeExtent)) {
            shape.add(size);
        }
        ArrayNode chunks = zarray.putArray("chunks");
        for (int extent : settings.chunkShape()) {
            chunks.add(extent);
        }
        zarray.put("dtype", settings.pixelType().zarrDtype());
        zarray.set("compressor", ZarrJson.MAPPER.valueToTree(settings.codec().zarrV2Compressor()));
        zarray.put("fill_value", 0);
        zarray.put("order", "C");
        zarray.putNull("filters");
        zarray.put("dimension_separator", "/");
        ZarrJson.write(store, path + "/.zarray", zarray);
    }
}
