package org.zarrscope.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ZarrJson;

/**
 * Reads back the frame table {@link FrameMetadataTable} writes: every segment ({@code 0.json},
 * {@code 1.json}, … until the first missing one, as segments are written in order), then the
 * journal of that missing segment if there is one (a writer killed while filling it), each row in
 * the order the frames arrived.
 */
public final class FrameTableReader {
    private FrameTableReader() {
    }

    /** Whether the dataset has a frame table (a segment, or the journal of a run killed before its first segment). */
    public static boolean exists(Store store) throws IOException {
        return store.get(FrameTableKeys.segmentKey(0)) != null || store.get(FrameTableKeys.journalKey(0)) != null;
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
            String key = FrameTableKeys.segmentKey(segment);
            ObjectNode document = ZarrJson.read(store, key);
            if (document == null) {
                List<JsonNode> journal = journalRows(store, segment);
                if (journal != null) {
                    visitRows(journal, store.describe() + "/" + FrameTableKeys.journalKey(segment), visitor);
                }
                return;
            }
            JsonNode rows = document.get("frames");
            if (rows == null || !rows.isArray()) {
                throw new IOException(store.describe() + "/" + key + " holds no \"frames\" array");
            }
            if (!visitRows(rows, store.describe() + "/" + key, visitor)) {
                return;
            }
        }
    }

    /** @return whether the visitor wants more rows */
    private static boolean visitRows(Iterable<JsonNode> rows, String where, RowVisitor visitor) throws IOException {
        for (JsonNode row : rows) {
            if (!visitor.visit(FrameRows.read(row, where))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows of a segment's journal, or {@code null} when it has none. A last line without its
     * newline was cut off by a crash mid-append and is left out; any other line must be a row.
     */
    static List<JsonNode> journalRows(Store store, int segment) throws IOException {
        String key = FrameTableKeys.journalKey(segment);
        ByteBuffer bytes = store.get(key);
        if (bytes == null) {
            return null;
        }
        List<JsonNode> rows = new ArrayList<>();
        int start = bytes.position();
        for (int at = start; at < bytes.limit(); at++) {
            if (bytes.get(at) == '\n') {
                rows.add(parseLine(bytes, start, at, store.describe() + "/" + key + " line " + (rows.size() + 1)));
                start = at + 1;
            }
        }
        return rows;
    }

    private static JsonNode parseLine(ByteBuffer bytes, int start, int end, String where) throws IOException {
        byte[] line = new byte[end - start];
        bytes.duplicate().position(start).get(line);
        try {
            return ZarrJson.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException(where + " is not a frame-table row: " + e.getOriginalMessage(), e);
        }
    }
}
