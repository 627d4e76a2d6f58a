package org.zarrscope.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where encoded chunks go: one store value per chunk, or appended into shard files. Called by
 * every chunk-writer thread at once, so implementations are thread-safe.
 */
public interface ChunkSink {
    /**
     * Stores one encoded chunk.
     *
     * @param chunkIndex the chunk's indices along t, c, z, y, x
     * @param encoded    its bytes, position to limit
     */
    void write(int[] chunkIndex, ByteBuffer encoded) throws IOException;

    /** The store key a chunk ends up in, for error messages. */
    String describe(int[] chunkIndex);

    /** Completes whatever is partial (e.g. writes the index of every unfinished shard). */
    void close() throws IOException;
}
