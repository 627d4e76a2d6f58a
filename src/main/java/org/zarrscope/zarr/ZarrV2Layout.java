package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import org.zarrscope.store.Store;

/**
 * Zarr v2 with OME-NGFF 0.4: {@code .zgroup} and {@code .zattrs} for groups, with the OME keys at
 * the top of the attributes and {@code "version": "0.4"} inside each {@code multiscales} entry and
 * inside {@code plate} and {@code well}; a {@code .zarray} per array with nested chunk keys
 * ({@code "dimension_separator": "/"}), little-endian dtype and fill value 0.
 */
public final class ZarrV2Layout implements ZarrLayout {
    private static final String NGFF_VERSION = "0.4";

    private final Store store;

    public ZarrV2Layout(Store store) {
        this.store = store;
    }

    @Override
    public void writeGroup(String groupPath, ObjectNode ome, ObjectNode zarrscope) throws IOException {
        ObjectNode attributes = ZarrJson.MAPPER.createObjectNode();
        if (ome != null) {
            ome.fields().forEachRemaining(entry -> attributes.set(entry.getKey(), versioned(entry.getKey(), entry.getValue())));
        }
        if (zarrscope != null) {
            attributes.set("zarrscope", zarrscope);
        }
        ZarrJson.write(store, ZarrLayout.join(groupPath, ".zattrs"), attributes);
        // .zgroup last: a folder becomes a group (to readers and recover) only with its attributes,
        // so a writer killed in between leaves no group without its multiscales
        ZarrJson.write(store, ZarrLayout.join(groupPath, ".zgroup"), Collections.singletonMap("zarr_format", 2));
    }

    /** OME-NGFF 0.4 versions each multiscale, plate and well object itself. */
    private static JsonNode versioned(String key, JsonNode value) {
        if (key.equals("multiscales")) {
            ArrayNode entries = ZarrJson.MAPPER.createArrayNode();
            value.forEach(entry -> entries.add(versionFirst((ObjectNode) entry)));
            return entries;
        }
        return key.equals("plate") || key.equals("well") ? versionFirst((ObjectNode) value) : value;
    }

    private static ObjectNode versionFirst(ObjectNode entry) {
        ObjectNode versioned = ZarrJson.MAPPER.createObjectNode().put("version", NGFF_VERSION);
        versioned.setAll(entry);
        return versioned;
    }

    @Override
    public ZarrArray array(ArrayLayout layout, String arrayPath) {
        return new V2Array(layout, arrayPath);
    }

    private final class V2Array implements ZarrArray {
        private final ArrayLayout layout;
        private final String path;
        private final ChunkSink sink;

        V2Array(ArrayLayout layout, String path) {
            this.layout = layout;
            this.path = path;
            this.sink = new StoreChunkSink(store, index -> ChunkKeys.v2(path, index));
        }

        @Override
        public void writeArray(int timePoints) throws IOException {
            ObjectNode zarray = ZarrJson.MAPPER.createObjectNode();
            zarray.put("zarr_format", 2);
            ArrayNode shape = zarray.putArray("shape");
            for (int size : layout.arrayShape(timePoints)) {
                shape.add(size);
            }
            ArrayNode chunks = zarray.putArray("chunks");
            for (int extent : layout.chunkShape()) {
                chunks.add(extent);
            }
            zarray.put("dtype", layout.pixelType().zarrDtype());
            zarray.set("compressor", ZarrJson.MAPPER.valueToTree(layout.codec().zarrV2Compressor()));
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
}
