package org.zarrscope.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ZarrJson;

/**
 * Reads back the frame table {@link FrameMetadataTable} writes: every segment ({@code 0.json},
 * {@code 1.json}, … until the first missing one, as segments are written in order), each row in
 * the order the frames arrived.
 */
public final class FrameTableReader {
    private FrameTableReader() {
    }

    /** All rows of the dataset's frame table; empty when it has none. */
    public static List<FrameRecord> read(Store store) throws IOException {
        return read(store, Integer.MAX_VALUE);
    }

    /** The first {@code maxRows} rows of the dataset's frame table (all when it has fewer). */
    public static List<FrameRecord> read(Store store, int maxRows) throws IOException {
        List<FrameRecord> records = new ArrayList<>();
        visit(store, record -> {
            records.add(record);
            return records.size() < maxRows;
        });
        return records;
    }

    /** Sees one row; returns whether to go on to the next. */
    public interface RowVisitor {
        boolean visit(FrameRecord record);
    }

    /**
     * Visits the rows in order, one segment in memory at a time, until the visitor says stop
     * (for a summary of a run of millions of frames, without holding them all).
     */
    public static void visit(Store store, RowVisitor visitor) throws IOException {
        for (int segment = 0; ; segment++) {
            String key = FrameMetadataTable.segmentKey(segment);
            ObjectNode document = ZarrJson.read(store, key);
            if (document == null) {
                return;
            }
            JsonNode rows = document.get("frames");
            if (rows == null || !rows.isArray()) {
                throw new IOException(store.describe() + "/" + key + " holds no \"frames\" array");
            }
            for (JsonNode row : rows) {
                if (!visitor.visit(new FrameRecord(coordinates(row, store, key), metadata(row)))) {
                    return;
                }
            }
        }
    }

    private static FrameCoordinates coordinates(JsonNode row, Store store, String key) throws IOException {
        for (String axis : new String[] {"p", "t", "c", "z"}) {
            if (!row.path(axis).canConvertToInt()) {
                throw new IOException(store.describe() + "/" + key + ": a row has no integer \"" + axis + "\": " + row);
            }
        }
        return FrameCoordinates.at(row.get("p").asInt(), row.get("t").asInt(), row.get("c").asInt(), row.get("z").asInt());
    }

    private static FrameMetadata metadata(JsonNode row) {
        FrameMetadata.Builder metadata = FrameMetadata.builder();
        if (row.has("elapsedMs")) {
            metadata.elapsedMs(row.get("elapsedMs").asDouble());
        }
        if (row.has("exposureMs")) {
            metadata.exposureMs(row.get("exposureMs").asDouble());
        }
        // each axis on its own: tables written before 2026-12 hold all three or none, later ones the known ones
        metadata.stageXUm(number(row, "stageXUm")).stageYUm(number(row, "stageYUm")).stageZUm(number(row, "stageZUm"));
        if (row.has("camera")) {
            metadata.camera(row.get("camera").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> extra = row.path("extra").fields(); extra.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = extra.next();
            metadata.extra(entry.getKey(), entry.getValue().asText());
        }
        return metadata.build();
    }

    private static Double number(JsonNode row, String field) {
        return row.has(field) ? row.get(field).asDouble() : null;
    }
}
