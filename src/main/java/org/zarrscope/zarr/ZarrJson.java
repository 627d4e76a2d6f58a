package org.zarrscope.zarr;

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

    /** Reads a JSON object, or {@code null} when the key is absent. */
    public static ObjectNode read(Store store, String key) throws IOException {
        ByteBuffer bytes = store.get(key);
        if (bytes == null) {
            return null;
        }
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return (ObjectNode) MAPPER.readTree(array);
    }
}
