package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.zarrscope.WriterSettings;
import org.zarrscope.store.Store;

/**
 * What differs between the Zarr formats a dataset can be written in: the documents (group and
 * array metadata), chunk key encoding, and where encoded chunks go (files or shards). The chunk
 * assembler, the codecs and the store are shared by all of them.
 */
public interface ZarrLayout {
    /** Writes the image group's metadata: OME-NGFF {@code multiscales} plus Zarrscope's own keys. */
    void writeGroup(ObjectNode multiscale, ObjectNode zarrscope) throws IOException;

    /** Writes the array's metadata with {@code timePoints} along t. */
    void writeArray(int timePoints) throws IOException;

    /** Where the chunk writers put encoded chunks. */
    ChunkSink chunkSink();

    /** The layout the settings ask for, for the array at {@code arrayPath} below the image group. */
    static ZarrLayout of(WriterSettings settings, Store store, String arrayPath) {
        switch (settings.format()) {
            case V3: return new ZarrV3Layout(store, arrayPath, settings);
            default: return new ZarrV2Layout(store, arrayPath, settings);
        }
    }
}
