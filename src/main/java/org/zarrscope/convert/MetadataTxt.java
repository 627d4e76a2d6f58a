package org.zarrscope.convert;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import mmcorej.org.json.JSONObject;

/**
 * The entries of one position's {@code metadata.txt} of mmstudio's "separate image files" storage,
 * read one by one with Jackson's streaming parser. mmstudio opens the file with <code>{</code>,
 * appends each entry as it comes ({@code Summary}, then per image {@code Coords-<file>} and
 * {@code Metadata-<file>}, each after a comma and flushed) and closes the object only when the run
 * ends. So a crashed run's file ends after its last whole entry (or its comma), or in the middle of
 * an entry: what it holds up to there is kept, the entry cut off is not, but its key is known when
 * the cut fell after it.
 */
final class MetadataTxt {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final Map<String, JsonNode> entries;
    private final String last;
    private final boolean cutShort;
    private final String cutEntry;

    private MetadataTxt(Path file, Map<String, JsonNode> entries, String last, boolean cutShort, String cutEntry) {
        this.file = file;
        this.entries = entries;
        this.last = last;
        this.cutShort = cutShort;
        this.cutEntry = cutEntry;
    }

    /**
     * The whole entries of {@code file}, up to its end or to where a crash cut it.
     *
     * @throws IOException if the file is not JSON where it has text (not a JSON object from its first
     *                     character, or something other than JSON inside)
     */
    static MetadataTxt read(Path file) throws IOException {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        String last = null;
        JsonToken first = null;
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            try {
                first = parser.nextToken();
                if (first != null && first != JsonToken.START_OBJECT) {
                    throw new IOException(file + ": its content is not JSON: it does not open with {");
                }
                while (first != null && parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.getCurrentName();
                    parser.nextToken();
                    entries.put(key, MAPPER.readTree(parser));
                    last = key;
                }
                return new MetadataTxt(file, entries, last, first == null, null);
            } catch (JsonParseException e) {
                // inside the object at the file's end (an entry cut off, or a comma and nothing after it)
                // is where the crash stopped the writing: the entries read before it are whole
                if (first == null || e.getLocation().getByteOffset() < Files.size(file)) {
                    throw new IOException(file + ": its content is not JSON: " + e.getOriginalMessage(), e);
                }
                return new MetadataTxt(file, entries, last, true, entryBeingRead(parser.getParsingContext(), last));
            }
        }
    }

    /**
     * The key of the entry {@code context} is in: the file's object's current key, which the parser
     * keeps from the key's end (also when the file ends right after its colon), unless it is still
     * {@code last}, the last whole entry's (the file then ended after that entry: before the next
     * key or inside it).
     */
    private static String entryBeingRead(JsonStreamContext context, String last) {
        JsonStreamContext file = context;
        while (file.getParent() != null && !file.getParent().inRoot()) {
            file = file.getParent();
        }
        String key = file.inObject() ? file.getCurrentName() : null;
        return key == null || key.equals(last) ? null : key;
    }

    /** The keys of the whole entries, in the file's order. */
    Set<String> keys() {
        return entries.keySet();
    }

    /**
     * Entry {@code key} as mmstudio's JSON, or {@code null} when the file has no whole entry of it.
     *
     * @throws IOException if the entry is not a JSON object
     */
    JSONObject object(String key) throws IOException {
        JsonNode entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!entry.isObject()) {
            throw new IOException(file + ": its " + key + " entry is not a JSON object");
        }
        return MmstudioImages.json(entry.toString(), file, key + " entry");
    }

    /**
     * The key of the entry a crash cut off after its key (its value lost, whole or in part), or
     * {@code null}: none, or the cut fell between entries or inside a key, which is then not known.
     */
    String cutEntry() {
        return cutEntry;
    }

    /** Whether a crash cut the file right after entry {@code key}: what followed it is lost. */
    boolean cutAfter(String key) {
        return cutShort && key.equals(last);
    }
}
