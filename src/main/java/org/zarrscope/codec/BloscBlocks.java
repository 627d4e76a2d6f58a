package org.zarrscope.codec;

/**
 * How a chunk is cut into Blosc blocks, each shuffled into the block buffer and compressed on its
 * own, and whether blocks are split into one stream per sample byte.
 */
final class BloscBlocks {
    private final int blockSize;
    private final int typeSize;
    private final boolean splitWanted;

    /**
     * @param blockSize   the block size for chunks that are larger, rounded down to whole samples
     * @param splitWanted whether to split blocks where decoders allow it; compressors older than
     *                    the split flag (all but zstd) must, or c-blosc before 1.14 misreads them
     */
    BloscBlocks(int blockSize, int typeSize, boolean splitWanted) {
        this.blockSize = Math.max(typeSize, blockSize / typeSize * typeSize);
        this.typeSize = typeSize;
        this.splitWanted = splitWanted;
    }

    /**
     * The block size for a chunk of {@code rawBytes}: the whole chunk if smaller, in whole samples,
     * and 1 for less than one sample, as c-blosc writes it ({@code compute_blocksize}); decoders
     * reject a block size of 0 or larger than the chunk.
     */
    int blockSize(int rawBytes) {
        if (rawBytes < typeSize) {
            return 1;
        }
        int size = Math.min(blockSize, rawBytes);
        return size > typeSize ? size / typeSize * typeSize : size;
    }

    /** Whether full blocks of {@code blockSize} bytes are split into streams. */
    boolean splits(int blockSize) {
        return splitWanted && BloscHeader.splittable(typeSize, blockSize);
    }
}
