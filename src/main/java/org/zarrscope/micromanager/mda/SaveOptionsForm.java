package org.zarrscope.micromanager.mda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zarrscope.SettingsException;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.BloscShuffle;
import org.zarrscope.codec.CodecSpec;

/**
 * The fields of the plugin's "Save acquisitions as OME-Zarr" settings dialog: each a
 * {@link SaveOptions} profile key, a label, a hint and, for a choice, the values allowed. The
 * dialog shows them as they come and hands back what was entered to {@link #parse}, which either
 * gives the options or names the field that is wrong.
 */
public final class SaveOptionsForm {
    /** One field of the dialog. */
    public static final class Field {
        private final String key;
        private final String label;
        private final String hint;
        private final List<String> choices;

        private Field(String key, String label, String hint, List<String> choices) {
            this.key = key;
            this.label = label;
            this.hint = hint;
            this.choices = Collections.unmodifiableList(new ArrayList<>(choices));
        }

        /** The {@link SaveOptions#toMap()} key the field edits. */
        public String key() { return key; }

        public String label() { return label; }

        /** What the field means and what it accepts (a tool tip). */
        public String hint() { return hint; }

        /** The values allowed, in order; empty for free text. */
        public List<String> choices() { return choices; }
    }

    private static final List<Field> FIELDS = Collections.unmodifiableList(Arrays.asList(
            new Field(SaveOptions.FORMAT, "Format", "v3: Zarr v3 + OME-NGFF 0.5, sharded (few files); "
                    + "v2: Zarr v2 + OME-NGFF 0.4, for readers that only know v2", formats()),
            new Field(SaveOptions.CODEC, "Compression", "Blosc is fastest; 'none' stores raw pixels",
                    CodecSpec.NAMES),
            new Field(SaveOptions.LEVEL, "Compression level", "blank: the codec's default", Collections.emptyList()),
            new Field(SaveOptions.SHUFFLE, "Blosc shuffle", "blank: byte shuffle", shuffles()),
            new Field(SaveOptions.CHUNK, "Chunk (t,c,z,y,x)", "'plane' (one camera frame per chunk) or five "
                    + "extents, e.g. 1,1,16,512,512", Collections.emptyList()),
            new Field(SaveOptions.SHARD, "Shard (t,c,z,y,x)", "v3 only: 'auto', 'none' (one file per chunk) or "
                    + "five extents, each a multiple of the chunk's", Collections.emptyList()),
            new Field(SaveOptions.THREADS, "Writer threads", "blank: one per processor core",
                    Collections.emptyList()),
            new Field(SaveOptions.MEMORY, "Memory budget (MiB)", "memory for frames waiting to be compressed and "
                    + "written; when full, the camera waits", Collections.emptyList()),
            new Field(SaveOptions.CACHE, "Viewer memory (MiB)", "memory for recent frames shown in the viewer, "
                    + "beyond frames not yet on disk", Collections.emptyList())));

    private SaveOptionsForm() {
    }

    /** The fields in the order the dialog shows them. */
    public static List<Field> fields() { return FIELDS; }

    /**
     * The options entered; blank fields take their defaults. What depends on the run (a chunk
     * larger than the frame, the memory budget's range) is checked when a run starts, by
     * {@link MdaSettings}.
     *
     * @throws SettingsException naming the field ({@link Field#key()}) whose value is wrong, with the values allowed
     */
    public static SaveOptions parse(Map<String, String> entered) {
        Map<String, String> given = new LinkedHashMap<>();
        entered.forEach((key, value) -> {
            if (value != null && !value.trim().isEmpty()) {
                given.put(key, value.trim());
            }
        });
        SaveOptions options = SaveOptions.fromMap(given);
        options.codec(); // an unknown codec or level is named now, not when the next run starts
        return options;
    }

    private static List<String> formats() {
        List<String> names = new ArrayList<>();
        for (ZarrFormat format : new ZarrFormat[] {ZarrFormat.V3, ZarrFormat.V2}) {
            names.add(format.cliName());
        }
        return names;
    }

    private static List<String> shuffles() {
        List<String> names = new ArrayList<>();
        names.add("");
        for (BloscShuffle shuffle : BloscShuffle.values()) {
            names.add(shuffle.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
