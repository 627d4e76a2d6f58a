package org.zarrscope.zarr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.zarrscope.store.Store;

/** Reads and writes the JSON documents of a dataset through a {@link Store}. */
public final class ZarrJson {
    /** Jackson's mapper is thread-safe once configured; one serves the whole process. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ZarrJson() {
    }

    /** Writes a document atomically (readers see the old or the new version, never a mix). */
    public static void write(Store store, String key, Object document) throws IOException {
        store.put(key, ByteBuffer.wrap(MAPPER.writeValueAsBytes(document)));
    }

    /**
     * Reads a JSON object, or {@code null} when the key is absent.
     *
     * @throws IOException naming the key when it holds no JSON object (a damaged or truncated file)
     */
    public static ObjectNode read(Store store, String key) throws IOException {
        ByteBuffer bytes = store.get(key);
        if (bytes == null) {
            return null;
        }
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return object(store.describe() + "/" + key, array);
    }

    private static ObjectNode object(String name, byte[] bytes) throws IOException {
        JsonNode document;
        try {
            document = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            int detail = reason.indexOf(" ("); // Jackson's source location, which says less than the byte offset
            throw new IOException(name + " is damaged: it is not valid JSON (" + (detail > 0 ? reason.substring(0, detail)
                    : reason) + ", at byte " + e.getLocation().getByteOffset() + " of " + bytes.length + ")", e);
        }
        if (!(document instanceof ObjectNode)) {
            throw new IOException(name + " is damaged: it holds " + (document == null ? "nothing" : document.getNodeType())
                    + ", not a JSON object");
        }
        return (ObjectNode) document;
    }
}
