package org.zarrscope.codec;

/**
 * How a chunk is cut into Blosc blocks, each shuffled into the block buffer and compressed on its
 * own, and whether blocks are split into one stream per sample byte.
 *
 * <p>Blocks are 256 KiB for every compressor and level (c-blosc 1.21 picks 8 KiB–1 MiB by level
 * and compressor). Measured on 8 MiB of simulated 16-bit camera frames ({@code
 * BloscBlockSizeBenchmark}, docs/codecs.md): LZ4 at 256 KiB compresses 13–25 % faster than at
 * 64–128 KiB for 0.5–1.5 % less ratio, and no faster at 512 KiB–1 MiB; zstd is within noise from
 * 64 KiB to 1 MiB. 256 KiB also keeps the block buffer and the block being read within a core's L2
 * cache.
 *
 * <p>Blocks are split exactly where every c-blosc 1.x decoder expects it ({@link
 * BloscHeader#splittable}): decoders before 1.14 ignore the frame's "don't split" flag, so this is
 * the only rule all of them read right. c-blosc leaves zstd blocks whole; split, they compressed
 * 0.4 % smaller at the same speed.
 */
final class BloscBlocks {
    /** The block size of chunks larger than it. */
    static final int BLOCK_SIZE = 256 << 10;

    private final int blockSize;
    private final int typeSize;

    BloscBlocks(int typeSize) {
        this(BLOCK_SIZE, typeSize);
    }

    /** Blocks of another size: what {@code BloscBlockSizeBenchmark} compares. */
    BloscBlocks(int blockSize, int typeSize) {
        this.blockSize = Math.max(typeSize, blockSize / typeSize * typeSize);
        this.typeSize = typeSize;
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
        return BloscHeader.splittable(typeSize, blockSize);
    }
}
