package org.zarrscope.metadata;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lmax.disruptor.EventHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.ingest.FrameSlot;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ZarrJson;

/**
 * The per-frame acquisition metadata of a run (elapsed time, exposure, stage position, camera,
 * extra keys), kept losslessly as JSON documents in {@value FrameTableKeys#FOLDER}: {@code 0.json},
 * {@code 1.json}, … each holding up to {@link #DEFAULT_SEGMENT_ROWS} frames in the order they
 * arrived. Fields that were not recorded are left out, each stage axis on its own.
 *
 * <p>As durable as the pixels: the segment being filled has a journal beside it,
 * {@code N.jsonl}, one row per line, appended to before the chunk assembler sees the frame (the
 * ring runs this table first, ahead of every pixel stage), so a chunk on disk never
 * holds a frame whose row is not. Appends are buffered for one ring batch and reach the operating
 * system in one write at its end, before the ring lets the batch's frames on. The journal is never
 * forced (fsync): it serves a killed process, whose writes the operating system keeps; the
 * segments are forced with the rest of a durable dataset. Measured: 1–2 µs per frame on this thread, 2.5–3.5 µs when every
 * frame is its own batch (docs/benchmarks.md). A full segment is written once as {@code N.json}, its journal then
 * removed, and dropped from memory, so a run of millions of frames costs neither memory nor ever
 * larger rewrites. {@link FrameTableReader} reads a journal whose segment was never written
 * (a killed writer); {@link #completeJournal} turns it into its segment.
 */
public final class FrameMetadataTable implements EventHandler<FrameSlot> {
    /** Frames per segment document. */
    public static final int DEFAULT_SEGMENT_ROWS = 10_000;
    private static final byte[] SEGMENT_START = "{\"frames\": [\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEGMENT_END = "\n]}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW_SEPARATOR = ",\n".getBytes(StandardCharsets.UTF_8);

    private final Store store;
    private final int segmentRows;
    /** The row being written; its generator writes into it, one row at a time. */
    private final ByteArrayOutputStream row = new ByteArrayOutputStream(256);
    private final JsonGenerator rowJson;
    /** The rows of the segment being filled, comma-separated: its document's array. */
    private final ByteArrayOutputStream segmentBody = new ByteArrayOutputStream();
    /** Journal lines of this batch, not yet appended. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private OutputStream journal;
    private int rowsInSegment;
    private int segment;

    public FrameMetadataTable(Store store) {
        this(store, DEFAULT_SEGMENT_ROWS);
    }

    public FrameMetadataTable(Store store, int segmentRows) {
        this.store = store;
        this.segmentRows = segmentRows;
        try {
            rowJson = ZarrJson.MAPPER.getFactory().createGenerator(row);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON into memory", e); // a ByteArrayOutputStream never fails
        }
        rowJson.setRootValueSeparator(null); // one row per line, each parsed on its own
    }

    /**
     * Records the frame in a ring slot (as the ring's recorder); the batch's rows reach the
     * journal at its end, before the ring hands them on.
     */
    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) throws IOException {
        record(slot.coordinates(), slot.metadata());
        if (endOfBatch) {
            appendToJournal();
        }
    }

    /**
     * Records one frame's metadata in memory, and writes the segment when it is full; the row
     * reaches the journal with the next {@link #appendToJournal}.
     */
    public void record(FrameCoordinates frame, FrameMetadata frameMetadata) throws IOException {
        row.reset();
        FrameRows.write(rowJson, frame, frameMetadata);
        rowJson.flush();
        if (rowsInSegment > 0) {
            segmentBody.write(ROW_SEPARATOR);
        }
        row.writeTo(segmentBody);
        row.writeTo(pending);
        pending.write('\n');
        rowsInSegment++;
        if (rowsInSegment == segmentRows) {
            save();
            segment++;
            rowsInSegment = 0;
            segmentBody.reset();
        }
    }

    /** Appends the rows recorded since the last append to the segment's journal, in one write. */
    public void appendToJournal() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        if (journal == null) {
            journal = store.openAppend(FrameTableKeys.journalKey(segment));
        }
        try {
            pending.writeTo(journal);
        } catch (IOException e) {
            throw new IOException("cannot append to " + store.describe() + "/" + FrameTableKeys.journalKey(segment) + ": "
                    + e.getMessage(), e);
        }
        pending.reset();
    }

    /**
     * Writes the segment being filled as its document (segment 0 even when empty, so every table
     * has one) and removes its journal, which the document now holds.
     */
    public void save() throws IOException {
        if (rowsInSegment == 0 && segment > 0) {
            return;
        }
        ByteArrayOutputStream document = new ByteArrayOutputStream(segmentBody.size() + SEGMENT_START.length
                + SEGMENT_END.length);
        document.write(SEGMENT_START);
        segmentBody.writeTo(document);
        document.write(SEGMENT_END);
        store.put(FrameTableKeys.segmentKey(segment), ByteBuffer.wrap(document.toByteArray()));
        pending.reset();
        if (journal != null) {
            journal.close();
            journal = null;
        }
        store.delete(FrameTableKeys.journalKey(segment));
    }

    /**
     * Completes the table of a writer that was killed: writes the journal of the segment it was
     * filling as that segment's document and removes every journal (one whose segment was
     * written already is left over from a kill between the two steps).
     *
     * @return the rows taken from a journal into a new segment document
     */
    public static int completeJournal(Store store) throws IOException {
        for (int segment = 0; ; segment++) {
            if (store.get(FrameTableKeys.segmentKey(segment)) != null) {
                store.delete(FrameTableKeys.journalKey(segment));
                continue;
            }
            List<JsonNode> rows = FrameTableReader.journalRows(store, segment);
            if (rows == null) {
                return 0;
            }
            ObjectNode document = ZarrJson.MAPPER.createObjectNode();
            document.putArray("frames").addAll(rows);
            ZarrJson.write(store, FrameTableKeys.segmentKey(segment), document);
            store.delete(FrameTableKeys.journalKey(segment));
            return rows.size();
        }
    }
}
