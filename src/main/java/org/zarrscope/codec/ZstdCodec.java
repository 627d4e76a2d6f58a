package org.zarrscope.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.nio.ByteBuffer;

/**
 * Zstandard, as numcodecs' {@code zstd} codec reads it: one frame per chunk with the content size
 * in its header (numcodecs needs it to size the output).
 */
final class ZstdCodec implements Codec {
    private final ZstdCompressCtx compressor = new ZstdCompressCtx();
    private final ZstdDecompressCtx decompressor = new ZstdDecompressCtx();

    ZstdCodec(int level) {
        compressor.setLevel(level);
        compressor.setContentSize(true);
    }

    @Override
    public int compress(ByteBuffer source, ByteBuffer target) {
        ByteBuffer src = source.duplicate();
        int length = compressor.compress(target, src);
        return length;
    }

    @Override
    public void decompress(ByteBuffer source, ByteBuffer target) {
        int expected = target.remaining();
        int length = decompressor.decompress(target, source.duplicate());
        if (length != expected) {
            throw new IllegalArgumentException("zstd chunk decompressed to " + length + " bytes, expected " + expected);
        }
    }

    @Override
    public int maxCompressedLength(int rawLength) {
        return Math.toIntExact(Zstd.compressBound(rawLength));
    }
}
