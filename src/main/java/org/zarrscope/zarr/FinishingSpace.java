package org.zarrscope.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.zarrscope.store.Store;

/**
 * The disk space that finishing a dataset needs after the disk has filled up: the index of every
 * shard that may be partly filled at once (of every stage position), and a new copy of every metadata document (each is
 * written to a temporary file beside the old one, then renamed). Each counts in whole file-system
 * blocks, and documents twice their size at open, room for the contrast windows and the status
 * they gain at the end. Typically tens of kilobytes.
 */
public final class FinishingSpace {
    /** The allocation unit of common file systems (ext4, xfs, tmpfs pages). */
    static final long BLOCK_BYTES = 4096;

    private FinishingSpace() {
    }

    /**
     * @param store      a dataset whose metadata documents are all written, and no chunk yet
     * @param openShards the most shards of the full-resolution arrays filled at once (the plan's)
     */
    public static long bytes(ArrayLayout layout, int openShards, Store store) throws IOException {
        long total = 0;
        for (String key : store.list("")) {
            ByteBuffer document = store.get(key);
            total += blocks(2L * (document == null ? 0 : document.remaining()));
        }
        if (layout.isSharded()) {
            int innerChunks = 1;
            int[] shard = layout.shardShape();
            int[] chunk = layout.chunkShape();
            for (int d = 0; d < shard.length; d++) {
                innerChunks *= shard[d] / chunk[d];
            }
            // an index may straddle a block boundary: one block more
            total += openShards * blocks(ShardIndex.encodedLength(innerChunks) + BLOCK_BYTES);
        }
        return total;
    }

    private static long blocks(long bytes) {
        return (bytes + BLOCK_BYTES - 1) / BLOCK_BYTES * BLOCK_BYTES;
    }
}
