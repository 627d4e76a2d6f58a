package org.zarrscope.zarr;

import java.io.IOException;

/** One array of a dataset being written: its metadata document and where its chunks go. */
public interface ZarrArray {
    /** Writes the array's metadata with {@code timePoints} along t. */
    void writeArray(int timePoints) throws IOException;

    /** Where the chunk writers put this array's encoded chunks. */
    ChunkSink chunkSink();
}
