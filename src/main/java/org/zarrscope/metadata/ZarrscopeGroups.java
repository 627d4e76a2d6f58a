package org.zarrscope.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrLayout;

/**
 * The group documents of Zarrscope's own folders in a dataset: {@value #FOLDER}/ and the frame
 * table's {@value FrameMetadataTable#FOLDER}/. They hold no arrays, but a folder of a Zarr
 * hierarchy without group metadata makes readers warn (zarr-python 3: "not recognized as a
 * component of a Zarr hierarchy") or stop walking, so each is a plain Zarr group, without
 * OME-NGFF keys, whose {@code zarrscope} attributes say what the folder holds. Written when the
 * dataset is opened, before the first chunk or table segment, so the hierarchy is whole while
 * acquiring too.
 */
public final class ZarrscopeGroups {
    /** Zarrscope's folder at the dataset root. */
    public static final String FOLDER = "zarrscope";
    /**
     * The version of the frame table's layout stated in its group: rows under {@code frames},
     * each stage axis its own field. Raised when a reader of the old layout would misread a table.
     */
    public static final int FRAME_TABLE_VERSION = 1;

    private ZarrscopeGroups() {
    }

    /** Writes both groups; {@code segmentRows} is the frame table's rows per segment. */
    public static void write(ZarrLayout layout, int segmentRows) throws IOException {
        ObjectNode folder = ZarrJson.MAPPER.createObjectNode();
        folder.put("description", "Zarrscope's records of the run that are not pixels (the per-frame metadata table)");
        layout.writeGroup(FOLDER, null, folder);

        ObjectNode table = ZarrJson.MAPPER.createObjectNode();
        table.put("description", "per-frame acquisition metadata (elapsed time, exposure, stage position, camera,"
                + " extra keys), one row per accepted frame, in the order the frames arrived");
        table.put("version", FRAME_TABLE_VERSION);
        table.put("segments", "<n>.json from 0.json, each a JSON object whose \"frames\" array holds the rows");
        table.put("journal", "<n>.jsonl beside the segment being filled: the same rows, one JSON object per line, "
                + "until the segment is written");
        table.put("rowsPerSegment", segmentRows);
        ObjectNode attributes = ZarrJson.MAPPER.createObjectNode();
        attributes.set("frameTable", table);
        layout.writeGroup(FrameTableKeys.FOLDER, null, attributes);
    }
}
