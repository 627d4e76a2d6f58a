package org.zarrscope.codec;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4JNIFastResetCompressor;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 inside Blosc frames, through lz4-java's JNI binding (natives for Linux x86-64/aarch64,
 * Windows x64 and macOS x64/arm64 inside its jar), which takes heap arrays and direct memory alike
 * and mixes them in one call. Blosc's {@code clevel} becomes LZ4's acceleration exactly as c-blosc
 * 1.21 sets it ({@code get_accel}): {@code 10 - clevel}, so level 9 is LZ4's default (1) and level 1
 * skips the most (9). Decompression is LZ4's bounds-checked safe decoder, as in c-blosc 1.21.
 */
final class Lz4BloscCompressor implements BloscCompressor {
    /** {@code BLOSC_LZ4_FORMAT}, shared by c-blosc's lz4 and lz4hc. */
    static final int FORMAT = 1;

    /** lz4-java keeps its compression state in native memory (LZ4_stream_t, 16 KiB) until closed. */
    private static final long STATE_BYTES = 16 << 10;

    private final int acceleration;
    private final LZ4SafeDecompressor decompressor;
    private LZ4JNIFastResetCompressor compressor;

    /** A compressor for {@code clevel} 1–9. */
    Lz4BloscCompressor(int clevel) {
        this.acceleration = 10 - clevel;
        this.decompressor = NativeLibraries.lz4().safeDecompressor();
    }

    @Override
    public int format() {
        return FORMAT;
    }

    /** LZ4's own worst case ({@code LZ4_COMPRESSBOUND}). */
    @Override
    public int maxCompressedLength(int length) {
        return length + length / 255 + 16;
    }

    @Override
    public boolean needsOneKind() {
        return false;
    }

    @Override
    public int compress(ByteBuffer source, int from, int length, ByteBuffer target, int to, int room) {
        try {
            return compressor().compress(source, from, length, target, to, room);
        } catch (LZ4Exception e) {
            return DOES_NOT_FIT; // lz4-java's only compression failure: the output did not fit in room
        }
    }

    @Override
    public void decompress(ByteBuffer source, int from, int length, ByteBuffer target, int to, int rawLength) {
        int produced;
        try {
            produced = decompressor.decompress(source, from, length, target, to, rawLength);
        } catch (LZ4Exception e) {
            throw new IllegalArgumentException("corrupt lz4 stream in a blosc frame: " + e.getMessage(), e);
        }
        if (produced != rawLength) {
            throw new IllegalArgumentException("lz4 stream in a blosc frame decompressed to " + produced
                    + " bytes, expected " + rawLength);
        }
    }

    /** Made on the first compression, so a codec that only reads, or only plans memory, holds no native state. */
    private LZ4JNIFastResetCompressor compressor() {
        if (compressor == null) {
            compressor = NativeLibraries.lz4().fastResetCompressor(acceleration);
            NativeLibraries.closeWhenUnreachable(this, compressor::close);
        }
        return compressor;
    }

    @Override
    public long nativeBytes() {
        return STATE_BYTES;
    }
}
