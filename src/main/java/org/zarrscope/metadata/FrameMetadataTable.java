package org.zarrscope.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.lmax.disruptor.EventHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * extra keys), kept losslessly as one JSON document, {@value #KEY}, next to the image's arrays:
 * one entry per frame in the order frames arrived. Fields that were not recorded are left out.
 *
 * <p>Filled on the assembler thread, never the camera's. The document is rewritten (atomically)
 * at most every {@link #SAVE_INTERVAL_NANOS} during the run, so a crash loses at most that much
 * of it, and once more when the run ends.
 */
public final class FrameMetadataTable implements EventHandler<FrameSlot> {
    /** The table's key, relative to the image group. */
    public static final String KEY = "zarrscope/frames.json";
    private static final long SAVE_INTERVAL_NANOS = 10_000_000_000L;

    private final Store store;
    private final List<FrameCoordinates> frames = new ArrayList<>();
    private final List<FrameMetadata> metadata = new ArrayList<>();
    private long lastSaved = System.nanoTime();

    public FrameMetadataTable(Store store) {
        this.store = store;
    }

    /**
     * Records one frame's metadata, on the ring's metadata consumer thread (it runs beside the
     * chunk assembler and only reads the slot's coordinates and metadata); saves the table if the
     * save interval has passed.
     */
    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) throws IOException {
        frames.add(slot.coordinates());
        metadata.add(slot.metadata());
        if (System.nanoTime() - lastSaved > SAVE_INTERVAL_NANOS) {
            save();
        }
    }

    /** Writes the whole table. */
    public void save() throws IOException {
        ObjectNode document = ZarrJson.MAPPER.createObjectNode();
        ArrayNode rows = document.putArray("frames");
        for (int i = 0; i < frames.size(); i++) {
            ObjectNode row = rows.addObject();
            FrameCoordinates frame = frames.get(i);
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
        ZarrJson.write(store, KEY, document);
        lastSaved = System.nanoTime();
    }

    private static void putIfRecorded(ObjectNode row, String field, Double value) {
        if (value != null) {
            row.put(field, value);
        }
    }
}
