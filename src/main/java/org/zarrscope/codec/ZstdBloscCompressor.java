package org.zarrscope.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;

/**
 * Zstandard inside Blosc frames, through zstd-jni's array-and-offset and direct-buffer calls: one
 * zstd frame per stream, with its content size, as c-blosc's {@code ZSTD_compress} writes it.
 * Blosc's {@code clevel} becomes a zstd level as c-blosc 1.21 maps it ({@code zstd_wrap_compress}):
 * {@code 2 × clevel − 1} for levels 1–8 (1, 3, …, 15) and zstd's maximum (22) for 9.
 */
final class ZstdBloscCompressor implements BloscCompressor {
    /** {@code BLOSC_ZSTD_FORMAT}. */
    static final int FORMAT = 4;

    private final int level;
    private ZstdCompressCtx compressor;
    private ZstdDecompressCtx decompressor;

    /** A compressor for {@code clevel} 1–9. */
    ZstdBloscCompressor(int clevel) {
        this.level = clevel < 9 ? 2 * clevel - 1 : Zstd.maxCompressionLevel();
    }

    /** The zstd level c-blosc uses for this {@code clevel}. */
    int level() {
        return level;
    }

    @Override
    public int format() {
        return FORMAT;
    }

    @Override
    public int maxCompressedLength(int length) {
        return Math.toIntExact(Zstd.compressBound(length));
    }

    @Override
    public boolean needsOneKind() {
        return true;
    }

    @Override
    public int compress(ByteBuffer source, int from, int length, ByteBuffer target, int to, int room) {
        try {
            return source.isDirect()
                    ? compressor().compressDirectByteBuffer(target, to, room, source, from, length)
                    : compressor().compressByteArray(target.array(), target.arrayOffset() + to, room,
                            source.array(), source.arrayOffset() + from, length);
        } catch (ZstdException e) {
            if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
                return DOES_NOT_FIT;
            }
            throw new IllegalStateException("zstd failed to compress a blosc stream: " + e.getMessage(), e);
        }
    }

    @Override
    public void decompress(ByteBuffer source, int from, int length, ByteBuffer target, int to, int rawLength) {
        ZstdDecompressCtx context = decompressor();
        int produced;
        try {
            if (source.isDirect()) {
                produced = target.isDirect()
                        ? context.decompressDirectByteBuffer(target, to, rawLength, source, from, length)
                        : context.decompressDirectByteBufferToByteArray(target.array(), target.arrayOffset() + to,
                                rawLength, source, from, length);
            } else {
                int at = source.arrayOffset() + from;
                produced = target.isDirect()
                        ? context.decompressByteArrayToDirectByteBuffer(target, to, rawLength, source.array(), at, length)
                        : context.decompressByteArray(target.array(), target.arrayOffset() + to, rawLength,
                                source.array(), at, length);
            }
        } catch (ZstdException e) {
            throw new IllegalArgumentException("corrupt zstd stream in a blosc frame: " + e.getMessage(), e);
        }
        if (produced != rawLength) {
            throw new IllegalArgumentException("zstd stream in a blosc frame decompressed to " + produced
                    + " bytes, expected " + rawLength);
        }
    }

    private ZstdCompressCtx compressor() {
        if (compressor == null) {
            ZstdCompressCtx context = new ZstdCompressCtx();
            context.setLevel(level);
            context.setContentSize(true);
            NativeLibraries.closeWhenUnreachable(this, context::close);
            compressor = context;
        }
        return compressor;
    }

    private ZstdDecompressCtx decompressor() {
        if (decompressor == null) {
            ZstdDecompressCtx context = new ZstdDecompressCtx();
            NativeLibraries.closeWhenUnreachable(this, context::close);
            decompressor = context;
        }
        return decompressor;
    }

    /**
     * zstd's compression context, which it sizes to the stream: measured (resident memory per
     * context) for 128 KiB streams, 0.13 MiB at level 1, 0.8 MiB at 5 and 9, 1.6 MiB at 13 and
     * 2.1 MiB at 22; counted twice that, for the 256 KiB streams of 1-byte samples.
     */
    @Override
    public long nativeBytes() {
        return level <= 1 ? 256 << 10 : level <= 9 ? 2 << 20 : 5 << 20;
    }
}
