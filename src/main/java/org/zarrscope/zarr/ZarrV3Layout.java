package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.zarrscope.Axis;
import org.zarrscope.store.Store;

/**
 * Zarr v3 with OME-NGFF 0.5: one {@code zarr.json} per node, OME keys under
 * {@code attributes.ome} with {@code "version": "0.5"}, the default chunk key encoding with
 * {@code /} ({@code c/t/c/z/y/x}), {@code dimension_names} equal to the axis names, and the codec
 * pipeline {@code bytes} (little-endian) + the compressor, inside {@code sharding_indexed} when
 * the dataset is sharded.
 */
public final class ZarrV3Layout implements ZarrLayout {
    private final Store store;

    public ZarrV3Layout(Store store) {
        this.store = store;
    }

    @Override
    public void writeGroup(String groupPath, ObjectNode ome, ObjectNode zarrscope) throws IOException {
        ObjectNode group = ZarrJson.MAPPER.createObjectNode();
        group.put("zarr_format", 3);
        group.put("node_type", "group");
        ObjectNode attributes = group.putObject("attributes");
        if (ome != null) {
            ObjectNode versioned = attributes.putObject("ome");
            versioned.put("version", "0.5");
            versioned.setAll(ome);
        }
        if (zarrscope != null) {
            attributes.set("zarrscope", zarrscope);
        }
        ZarrJson.write(store, ZarrLayout.join(groupPath, "zarr.json"), group);
    }

    @Override
    public ZarrArray array(ArrayLayout layout, String arrayPath) {
        return new V3Array(layout, arrayPath);
    }

    private final class V3Array implements ZarrArray {
        private final ArrayLayout layout;
        private final String path;
        private final ChunkSink sink;

        V3Array(ArrayLayout layout, String path) {
            this.layout = layout;
            this.path = path;
            this.sink = layout.isSharded() ? new ShardedChunkSink(store, path, layout)
                    : new StoreChunkSink(store, index -> ChunkKeys.v3(path, index));
        }

        @Override
        public void writeArray(int timePoints) throws IOException {
            ObjectNode array = ZarrJson.MAPPER.createObjectNode();
            array.put("zarr_format", 3);
            array.put("node_type", "array");
            ints(array.putArray("shape"), layout.arrayShape(timePoints));
            array.put("data_type", layout.pixelType().zarrV3DataType());
            ObjectNode grid = array.putObject("chunk_grid");
            grid.put("name", "regular");
            ints(grid.putObject("configuration").putArray("chunk_shape"),
                    layout.isSharded() ? layout.shardShape() : layout.chunkShape());
            ObjectNode keys = array.putObject("chunk_key_encoding");
            keys.put("name", "default");
            keys.putObject("configuration").put("separator", "/");
            array.put("fill_value", 0);
            ArrayNode codecs = array.putArray("codecs");
            if (layout.isSharded()) {
                ObjectNode sharding = codecs.addObject();
                sharding.put("name", "sharding_indexed");
                ObjectNode configuration = sharding.putObject("configuration");
                ints(configuration.putArray("chunk_shape"), layout.chunkShape());
                addChunkCodecs(configuration.putArray("codecs"));
                ArrayNode indexCodecs = configuration.putArray("index_codecs");
                addBytesCodec(indexCodecs);
                indexCodecs.addObject().put("name", "crc32c");
                configuration.put("index_location", "end");
            } else {
                addChunkCodecs(codecs);
            }
            ArrayNode names = array.putArray("dimension_names");
            for (Axis axis : Axis.values()) {
                names.add(axis.letter());
            }
            array.putObject("attributes");
            ZarrJson.write(store, path + "/zarr.json", array);
        }

        private void addChunkCodecs(ArrayNode codecs) {
            addBytesCodec(codecs);
            for (Object codec : layout.codec().zarrV3Codecs(layout.pixelType().bytesPerSample())) {
                codecs.add(ZarrJson.MAPPER.valueToTree(codec));
            }
        }

        @Override
        public ChunkSink chunkSink() {
            return sink;
        }
    }

    private static void addBytesCodec(ArrayNode codecs) {
        ObjectNode bytes = codecs.addObject();
        bytes.put("name", "bytes");
        bytes.putObject("configuration").put("endian", "little");
    }

    private static void ints(ArrayNode target, int[] values) {
        for (int value : values) {
            target.add(value);
        }
    }
}
