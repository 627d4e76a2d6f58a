package org.zarrscope.metadata;

/**
 * Where the frame table lies in a dataset: segment documents {@code 0.json}, {@code 1.json}, …
 * and, beside the segment being filled, its journal {@code <n>.jsonl}. Shared by the table's
 * writer ({@link FrameMetadataTable}) and its reader ({@link FrameTableReader}).
 */
public final class FrameTableKeys {
    /** The table's folder, relative to the dataset root. */
    public static final String FOLDER = "zarrscope/frames";

    private FrameTableKeys() {
    }

    /** The key of segment {@code index}. */
    public static String segmentKey(int index) {
        return FOLDER + "/" + index + ".json";
    }

    /** The key of the journal of segment {@code index}. */
    public static String journalKey(int index) {
        return FOLDER + "/" + index + ".jsonl";
    }
}
