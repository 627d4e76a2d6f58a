package org.zarrscope.codec;

import java.nio.ByteBuffer;

/**
 * One compression context. Instances keep native state between calls and are <b>not</b>
 * thread-safe: each chunk-writer thread owns one per dataset, made by {@link CodecSpec#newCodec}.
 */
public interface Codec {
    /**
     * Compresses {@code source} from its position to its limit into {@code target} from its
     * position, which must have at least {@link #maxCompressedLength} bytes left. On return the
     * target's position is after the compressed bytes; the source is left unchanged.
     *
     * @return the number of compressed bytes
     */
    int compress(ByteBuffer source, ByteBuffer target);

    /**
     * Decompresses all of {@code source} (position to limit) into {@code target}, which must have
     * exactly the decompressed size remaining.
     */
    void decompress(ByteBuffer source, ByteBuffer target);

    /** The largest compressed size of {@code rawLength} bytes. */
    int maxCompressedLength(int rawLength);

    /**
     * Memory the context uses beyond the caller's buffers while compressing {@code rawLength}
     * bytes (copies a binding makes); counted in the memory budget.
     */
    default long workingBytes(int rawLength) {
        return 0;
    }

    /**
     * Whether this codec reads its input as a whole Java array: then a chunk held in a heap
     * array of exactly its size is compressed without a copy, and pixel buffers should be made
     * on the heap. Otherwise direct memory saves the copies between Java and native code.
     */
    default boolean readsWholeArrays() {
        return false;
    }
}
