package org.zarrscope.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.OmeZarrGroup;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrLayout;
import org.zarrscope.zarr.ZarrReader;

/**
 * What a user wants to know first about a dataset on disk: format, status, axes and physical
 * scales, each array's shape, chunks, shards, codec, files and compression ratio, and the frames
 * recorded with their time range. Reads metadata, value sizes and shard indexes, never pixels,
 * and only through the {@link Store}.
 *
 * <p>The facts are one JSON tree, so that {@code zarrscope info --json} prints exactly what the
 * text report shows (docs/cli.md lists its keys). Sizes are bytes. The compression ratio is of
 * the chunks actually stored: a stopped or still running acquisition holds far fewer chunks than
 * its shape declares, and dividing by the declared size made a ratio of 2.8 read 17.8.
 */
public final class DatasetInfo {
    private DatasetInfo() {
    }

    /** The facts of the dataset in the folder {@code root}, as {@link #read(Store)}. */
    public static ObjectNode read(Path root) throws IOException {
        return read(FileSystemStore.existing(root, false)); // it writes nothing: nothing to force
    }

    /** The facts of the dataset in {@code store}; its {@code path} is the store's {@link Store#describe}. */
    public static ObjectNode read(Store store) throws IOException {
        List<String> images = OmeZarrGroup.imagePaths(store);
        OmeZarrGroup group = OmeZarrGroup.read(store, "");
        ObjectNode info = ZarrJson.MAPPER.createObjectNode();
        info.put("path", store.describe());
        info.put("zarr_format", group.v3() ? 3 : 2);
        info.put("ome_ngff", group.version());
        info.put("status", group.zarrscope().path("status").asText("unknown"));
        if (group.ome().has("plate")) {
            JsonNode plate = group.ome().get("plate");
            ObjectNode facts = info.putObject("plate");
            facts.put("name", plate.path("name").asText(""));
            facts.put("rows", plate.path("rows").size());
            facts.put("columns", plate.path("columns").size());
            facts.put("wells", plate.path("wells").size());
            facts.put("fields_per_well", plate.path("field_count").asInt());
        }
        info.put("layout", group.ome().has("plate") ? "plate"
                : images.size() > 1 || !images.get(0).isEmpty() ? "bioformats2raw.layout" : "image");
        ArrayNode described = info.putArray("images");
        for (String image : images) {
            described.add(image(store, image));
        }
        info.set("frames", frames(store));
        return info;
    }

    private static ObjectNode image(Store store, String image) throws IOException {
        ObjectNode info = ZarrJson.MAPPER.createObjectNode();
        info.put("path", image);
        OmeZarrGroup group = OmeZarrGroup.read(store, image);
        JsonNode multiscale = group == null ? null : group.ome().path("multiscales").path(0);
        if (multiscale == null || multiscale.isMissingNode()) {
            info.put("missing", true); // a position whose first frame never came
            return info;
        }
        info.put("name", multiscale.path("name").asText(""));
        ArrayNode axes = info.putArray("axes");
        for (JsonNode axis : multiscale.path("axes")) {
            ObjectNode described = axes.addObject().put("name", axis.path("name").asText());
            if (axis.has("unit")) {
                described.put("unit", axis.path("unit").asText());
            }
        }
        ArrayNode channels = info.putArray("channels");
        for (JsonNode channel : group.ome().path("omero").path("channels")) {
            channels.addObject().put("label", channel.path("label").asText())
                    .put("color", channel.path("color").asText())
                    .set("window", channel.path("window"));
        }
        ArrayNode arrays = info.putArray("arrays");
        for (JsonNode dataset : multiscale.path("datasets")) {
            String path = ZarrLayout.join(image, dataset.path("path").asText());
            arrays.add(array(store, path, group.v3(), dataset.path("coordinateTransformations").path(0).path("scale")));
        }
        return info;
    }

    private static ObjectNode array(Store store, String path, boolean v3, JsonNode scale) throws IOException {
        ZarrReader reader = ZarrReader.open(store, path);
        ObjectNode metadata = ZarrJson.read(store, ZarrLayout.join(path, v3 ? "zarr.json" : ".zarray"));
        ObjectNode info = ZarrJson.MAPPER.createObjectNode();
        info.put("path", path);
        info.set("shape", ints(reader.shape()));
        info.put("dtype", reader.dtype());
        info.set("scale", scale);
        info.set("chunks", ints(reader.chunks()));
        JsonNode codecs = v3 ? metadata.path("codecs") : metadata.path("compressor");
        CodecSpec codec;
        if (v3 && "sharding_indexed".equals(codecs.path(0).path("name").asText())) {
            info.set("shards", metadata.path("chunk_grid").path("configuration").path("chunk_shape"));
            codecs = codecs.path(0).path("configuration").path("codecs");
            codec = CodecSpec.fromZarrV3(codecs);
        } else {
            info.putNull("shards");
            codec = v3 ? CodecSpec.fromZarrV3(codecs) : CodecSpec.fromZarrV2(codecs);
        }
        info.putObject("codec").put("description", codec.describe()).set("metadata", codecs);

        long declared = reader.bytesPerSample();
        for (int extent : reader.shape()) {
            declared *= extent;
        }
        long files = 0;
        long chunks = 0;
        long storedBytes = 0;
        for (String key : store.list(path)) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            // metadata (v3's zarr.json, v2's .zarray and .zattrs); unfinished writes are not listed
            if (name.equals("zarr.json") || name.startsWith(".")) {
                continue;
            }
            long size = store.size(key);
            if (size < 0) {
                continue; // removed since it was listed (a writer still running replaced it): not stored
            }
            files++;
            storedBytes += size;
            chunks += reader.chunksIn(key);
        }
        long pixelBytes = chunks * reader.chunkBytes();
        info.put("files", files);
        info.put("chunks_stored", chunks);
        info.put("stored_bytes", storedBytes);
        info.put("pixel_bytes_stored", pixelBytes);
        info.put("declared_bytes", declared);
        if (storedBytes > 0) {
            info.put("compression_ratio", (double) pixelBytes / storedBytes);
        } else {
            info.putNull("compression_ratio");
        }
        return info;
    }

    private static ArrayNode ints(int[] values) {
        ArrayNode array = ZarrJson.MAPPER.createArrayNode();
        for (int value : values) {
            array.add(value);
        }
        return array;
    }

    /** Frames recorded in the frame table with their elapsed-time range; {@code null} without a table. */
    private static ObjectNode frames(Store store) throws IOException {
        if (!FrameTableReader.exists(store)) {
            return null;
        }
        long[] count = {0};
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        FrameTableReader.visit(store, record -> {
            count[0]++;
            Double elapsed = record.metadata().elapsedMs();
            if (elapsed != null) {
                range[0] = Math.min(range[0], elapsed);
                range[1] = Math.max(range[1], elapsed);
            }
            return true;
        });
        ObjectNode frames = ZarrJson.MAPPER.createObjectNode().put("recorded", count[0]);
        if (range[0] <= range[1]) {
            frames.put("first_elapsed_ms", range[0]).put("last_elapsed_ms", range[1]);
        }
        return frames;
    }
}
