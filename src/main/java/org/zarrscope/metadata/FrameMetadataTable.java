package org.zarrscope.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lmax.disruptor.EventHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.ingest.FrameSlot;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ZarrJson;

/**
 * The per-frame acquisition metadata of a run (elapsed time, exposure, stage position, camera,
 * extra keys), kept losslessly as JSON documents in {@value #FOLDER}: {@code 0.json},
 * {@code 1.json}, … each holding up to {@link #DEFAULT_SEGMENT_ROWS} frames in the order they
 * arrived. Fields that were not recorded are left out, each stage axis on its own.
 *
 * <p>Filled on its own ring consumer thread, never the camera's. A full segment is written once
 * and dropped from memory, so a run of millions of frames costs neither memory nor ever larger
 * rewrites; the segment being filled is rewritten (atomically) at most every
 * {@link #SAVE_INTERVAL_NANOS}, so a crash loses at most that much of the table.
 */
public final class FrameMetadataTable implements EventHandler<FrameSlot> {
    /** The table's folder, relative to the image group. */
    public static final String FOLDER = "zarrscope/frames";
    /** Frames per segment document. */
    public static final int DEFAULT_SEGMENT_ROWS = 10_000;
    private static final long SAVE_INTERVAL_NANOS = 10_000_000_000L;

    private final Store store;
    private final int segmentRows;
    private final List<FrameCoordinates> frames = new ArrayList<>();
    private final List<FrameMetadata> metadata = new ArrayList<>();
    private int segment;
    private long lastSaved = System.nanoTime();

    public FrameMetadataTable(Store store) {
        this(store, DEFAULT_SEGMENT_ROWS);
    }

    public FrameMetadataTable(Store store, int segmentRows) {
        this.store = store;
        this.segmentRows = segmentRows;
    }

    /** The key of segment {@code index}. */
    public static String segmentKey(int index) {
        return FOLDER + "/" + index + ".json";
    }

    /** Records the frame in a ring slot (as the ring's metadata consumer). */
    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) throws IOException {
        record(slot.coordinates(), slot.metadata());
    }

    /** Records one frame's metadata; writes a segment when it is full or the save interval has passed. */
    public void record(FrameCoordinates frame, FrameMetadata frameMetadata) throws IOException {
        frames.add(frame);
        metadata.add(frameMetadata);
        if (frames.size() == segmentRows) {
            save();
            segment++;
            frames.clear();
            metadata.clear();
        } else if (System.nanoTime() - lastSaved > SAVE_INTERVAL_NANOS) {
            save();
        }
    }

    /** Writes the segment being filled (segment 0 even when empty, so every table has one). */
    public void save() throws IOException {
        if (frames.isEmpty() && segment > 0) {
            return;
        }
        ObjectNode document = ZarrJson.MAPPER.createObjectNode();
        ArrayNode rows = document.putArray("frames");
        for (int i = 0; i < frames.size(); i++) {
            ObjectNode row = rows.addObject();
            FrameCoordinates frame = frames.get(i);
            row.put("p", frame.position());
            row.put("t", frame.time());
            row.put("c", frame.channel());
            row.put("z", frame.z());
            FrameMetadata values = metadata.get(i);
            putIfRecorded(row, "elapsedMs", values.elapsedMs());
            putIfRecorded(row, "exposureMs", values.exposureMs());
            putIfRecorded(row, "stageXUm", values.stageXUm());
            putIfRecorded(row, "stageYUm", values.stageYUm());
            putIfRecorded(row, "stageZUm", values.stageZUm());
            if (values.camera() != null) {
                row.put("camera", values.camera());
            }
            if (!values.extra().isEmpty()) {
                ObjectNode extra = row.putObject("extra");
                for (Map.Entry<String, String> entry : values.extra().entrySet()) {
                    extra.put(entry.getKey(), entry.getValue());
                }
            }
        }
        ZarrJson.write(store, segmentKey(segment), document);
        lastSaved = System.nanoTime();
    }

    private static void putIfRecorded(ObjectNode row, String field, Double value) {
        if (value != null) {
            row.put(field, value);
        }
    }
}
