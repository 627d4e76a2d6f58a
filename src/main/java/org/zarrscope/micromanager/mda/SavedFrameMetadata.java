package org.zarrscope.micromanager.mda;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.Store;

/**
 * What Micro-Manager recorded with each frame of a saved dataset, from its frame table, for the
 * images Micro-Manager's viewer reads back (it shows elapsed time, exposure and stage position
 * beside the image, and its inspector lists the rest). The table is read once, on first use, and
 * kept: memory in proportion to the run, since each row holds the device properties Micro-Manager
 * recorded (about 5 kB of JSON per frame with the demo devices).
 */
final class SavedFrameMetadata {
    private final Store store;
    private Map<FrameCoordinates, FrameMetadata> rows;

    SavedFrameMetadata(Store store) {
        this.store = store;
    }

    /** The frame's metadata; {@link MdaFrameMetadata#NONE} for a frame the table does not have. */
    synchronized MdaFrameMetadata of(FrameCoordinates frame) throws IOException {
        if (rows == null) {
            Map<FrameCoordinates, FrameMetadata> read = new HashMap<>();
            for (FrameRecord row : FrameTableReader.read(store)) {
                read.put(row.frame(), row.metadata());
            }
            rows = read;
        }
        FrameMetadata row = rows.get(frame);
        return row == null ? MdaFrameMetadata.NONE : MdaFrameMetadata.fromFrameMetadata(row);
    }
}
