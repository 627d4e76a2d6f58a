package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import org.zarrscope.WriterSettings;
import org.zarrscope.store.Store;

/**
 * Zarr v2 with OME-NGFF 0.4: {@code .zgroup} and {@code .zattrs} for the image group, a
 * {@code .zarray} with nested chunk keys ({@code "dimension_separator": "/"}), little-endian
 * dtype and fill value 0.
 */
public final class ZarrV2Layout implements ZarrLayout {
    private final Store store;
    private final String path;
    private final WriterSettings settings;
    private final ChunkSink sink;

    public ZarrV2Layout(Store store, String path, WriterSettings settings) {
        this.store = store;
        this.path = path;
        this.settings = settings;
        this.sink = new StoreChunkSink(store, index -> path + "/" + index[0] + "/" + index[1] + "/" + index[2] + "/"
                + index[3] + "/" + index[4]);
    }

    @Override
    public void writeGroup(ObjectNode multiscale, ObjectNode zarrscope) throws IOException {
        ZarrJson.write(store, ".zgroup", Collections.singletonMap("zarr_format", 2));
        ObjectNode attributes = ZarrJson.MAPPER.createObjectNode();
        ObjectNode versioned = ZarrJson.MAPPER.createObjectNode().put("version", "0.4");
        versioned.setAll(multiscale);
        attributes.putArray("multiscales").add(versioned);
        attributes.set("zarrscope", zarrscope);
        ZarrJson.write(store, ".zattrs", attributes);
    }

    @Override
    public void writeArray(int timePoints) throws IOException {
        ObjectNode zarray = ZarrJson.MAPPER.createObjectNode();
        zarray.put("zarr_format", 2);
        ArrayNode shape = zarray.putArray("shape");
        for (int size : settings.arrayShape(timePoints)) {
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

    @Override
    public ChunkSink chunkSink() {
        return sink;
    }
}
