package org.zarrscope.codec;

import java.nio.ByteBuffer;

/**
 * One of the compressors inside a Blosc 1.x frame, called once per stream of a block with the
 * settings c-blosc 1.21 derives from the frame's {@code clevel}, between buffers addressed by
 * absolute index (their position and limit are neither read nor moved). Implementations hand a
 * heap buffer's array, or a direct buffer's memory, to their library without copying. Not
 * thread-safe: each codec owns its own.
 */
interface BloscCompressor {
    /** Returned by {@link #compress} when the stream needs more room than it was given. */
    int DOES_NOT_FIT = -1;

    /** c-blosc's code for this compressor in bits 5–7 of a frame's flags ({@code BLOSC_*_FORMAT}). */
    int format();

    /**
     * The room with which {@link #compress} never runs out, at most its library's bound for
     * {@code length} bytes. Given less, it may find that the stream does not fit, which for LZ4
     * and zstd costs an exception inside their bindings.
     */
    int maxCompressedLength(int length);

    /**
     * Whether {@link #compress} needs its input and output of one kind, both heap or both direct:
     * zstd-jni has no compression call that mixes them.
     */
    boolean needsOneKind();

    /**
     * Compresses {@code length} bytes of {@code source} from {@code from} into {@code target} at
     * {@code to}, writing at most {@code room} bytes.
     *
     * @return the compressed length, or {@link #DOES_NOT_FIT}; a result of {@code length} or more
     *         is of no use to a frame, which then stores the stream as it is
     */
    int compress(ByteBuffer source, int from, int length, ByteBuffer target, int to, int room);

    /**
     * Decompresses the stream of {@code length} bytes at {@code from} into exactly {@code rawLength}
     * bytes of {@code target} at {@code to}.
     *
     * @throws IllegalArgumentException if the stream is corrupt or decompresses to another length
     */
    void decompress(ByteBuffer source, int from, int length, ByteBuffer target, int to, int rawLength);

    /** Memory this compressor keeps between calls outside the Java heap (its library's state). */
    long nativeBytes();
}
