package org.zarrscope.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 16-byte header that starts every Blosc 1.x frame, and the rules c-blosc 1.x decoders apply
 * to it (c-blosc's {@code README_CHUNK_FORMAT.rst} and {@code blosc.c}). Fields, little-endian:
 * version (2), the compressor's format version (1 for every compressor), flags, type size,
 * uncompressed bytes, block size, and the frame's length including the header. Unless the frame is
 * a plain copy ({@link #MEMCPYED}), the header is followed by one int32 per block, the block's offset
 * from the frame's start ({@code bstarts}), and each block by its streams, each an int32 length
 * and that many bytes (stored as they are when the length equals the stream's raw size).
 */
final class BloscHeader {
    static final int LENGTH = 16;
    /** {@code BLOSC_VERSION_FORMAT}: every c-blosc 1.x writes 2 and rejects anything else. */
    static final int VERSION = 2;
    /** {@code BLOSC_*_VERSION_FORMAT}: 1 for blosclz, lz4, lz4hc, snappy, zlib and zstd alike. */
    static final int COMPRESSOR_VERSION = 1;

    static final int BYTE_SHUFFLE = 0x01;
    /** The frame is the header and the raw bytes: clevel 0, fewer than 128 bytes, or data that does not shrink. */
    static final int MEMCPYED = 0x02;
    static final int BIT_SHUFFLE = 0x04;
    /** Reserved; c-blosc 1.x rejects frames that set it. */
    static final int RESERVED = 0x08;
    /** Blocks are one stream, not one per byte of the sample (c-blosc 1.14 on; older decoders ignore it). */
    static final int DONT_SPLIT = 0x10;
    private static final int FORMAT_SHIFT = 5;

    /** {@code MIN_BUFFERSIZE}: smaller inputs are always copied, and smaller blocks (per sample byte) never split. */
    static final int MIN_BUFFER_SIZE = 128;
    /** {@code MAX_SPLITS}: samples of more bytes are never split into streams. */
    static final int MAX_SPLITS = 16;

    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    final int version;
    final int flags;
    final int typeSize;
    final int rawBytes;
    final int blockSize;
    final int frameBytes;

    private BloscHeader(int version, int flags, int typeSize, int rawBytes, int blockSize, int frameBytes) {
        this.version = version;
        this.flags = flags;
        this.typeSize = typeSize;
        this.rawBytes = rawBytes;
        this.blockSize = blockSize;
        this.frameBytes = frameBytes;
    }

    /** The header of the frame at index {@code at} of {@code frame}, which must hold at least {@link #LENGTH} bytes there. */
    static BloscHeader read(ByteBuffer frame, int at) {
        return new BloscHeader(frame.get(at) & 0xff, frame.get(at + 2) & 0xff, frame.get(at + 3) & 0xff,
                intAt(frame, at + 4), intAt(frame, at + 8), intAt(frame, at + 12));
    }

    /** The longest frame c-blosc writes for {@code rawBytes}: at worst a copy after the header ({@code BLOSC_MAX_OVERHEAD}). */
    static int maxCBloscFrame(int rawBytes) {
        return rawBytes + LENGTH;
    }

    /**
     * The header of the frame at {@code frame}'s position, checked before anything decodes it: a
     * Blosc 1.x frame of {@code rawBytes} bytes that lies within {@code frame}'s remaining bytes.
     * c-blosc trusts the header's frame length, so a chunk cut short by a crash must be refused here.
     */
    static BloscHeader checked(ByteBuffer frame, int rawBytes) {
        if (frame.remaining() < LENGTH) {
            throw new IllegalArgumentException("blosc frame of " + frame.remaining() + " bytes is shorter than its header");
        }
        BloscHeader header = read(frame, frame.position());
        if (header.version != VERSION || header.has(RESERVED)) {
            throw new IllegalArgumentException("not a Blosc 1.x frame (version " + header.version + ", flags "
                    + Integer.toHexString(header.flags) + ")");
        }
        if (header.rawBytes != rawBytes) {
            throw new IllegalArgumentException("blosc frame holds " + header.rawBytes + " bytes, expected " + rawBytes);
        }
        if (header.frameBytes < LENGTH || header.frameBytes > frame.remaining()) {
            throw new IllegalArgumentException("blosc frame says it has " + header.frameBytes + " bytes, "
                    + frame.remaining() + " are there");
        }
        return header;
    }

    static void write(ByteBuffer frame, int at, int format, int flags, int typeSize, int rawBytes, int blockSize,
            int frameBytes) {
        frame.put(at, (byte) VERSION);
        frame.put(at + 1, (byte) COMPRESSOR_VERSION);
        frame.put(at + 2, (byte) (flags | format << FORMAT_SHIFT));
        frame.put(at + 3, (byte) typeSize);
        putInt(frame, at + 4, rawBytes);
        putInt(frame, at + 8, blockSize);
        putInt(frame, at + 12, frameBytes);
    }

    /** The compressor's {@code BLOSC_*_FORMAT} code, from bits 5–7 of the flags. */
    int format() {
        return flags >>> FORMAT_SHIFT;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * How many streams a block of {@code blockBytes} holds, as every c-blosc 1.x decoder counts
     * them: one per sample byte unless the frame says {@link #DONT_SPLIT}, the samples are wider
     * than {@link #MAX_SPLITS}, the block has fewer than {@link #MIN_BUFFER_SIZE} bytes per sample
     * byte, or it is the short last block. Decoders before 1.14 ignore {@code DONT_SPLIT}, so a
     * writer that wants them to read its frames splits exactly when the rest of this rule says so.
     */
    static int streams(boolean dontSplit, int typeSize, int blockBytes, boolean lastAndShort) {
        return !dontSplit && splittable(typeSize, blockBytes) && !lastAndShort ? typeSize : 1;
    }

    /** The part of the split rule that does not depend on the flags: what decoders before 1.14 apply alone. */
    static boolean splittable(int typeSize, int blockBytes) {
        return typeSize <= MAX_SPLITS && blockBytes / typeSize >= MIN_BUFFER_SIZE;
    }

    static int intAt(ByteBuffer buffer, int at) {
        return (int) INTS.get(buffer, at);
    }

    static void putInt(ByteBuffer buffer, int at, int value) {
        INTS.set(buffer, at, value);
    }
}
