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
        if (source.isDirect() && target.isDirect()) {
            return compressor.compress(target, source.duplicate());
        }
        byte[] compressed = compressor.compress(arrayOf(source));
        target.put(compressed);
        return compressed.length;
    }

    @Override
    public void decompress(ByteBuffer source, ByteBuffer target) {
        int expected = target.remaining();
        int length;
        if (source.isDirect() && target.isDirect()) {
            length = decompressor.decompress(target, source.duplicate());
        } else {
            byte[] raw = decompressor.decompress(arrayOf(source), expected);
            length = raw.length;
            target.put(raw);
        }
        if (length != expected) {
            throw new IllegalArgumentException("zstd chunk decompressed to " + length + " bytes, expected " + expected);
        }
    }

    /** zstd-jni's buffer API takes direct buffers only; heap buffers (e.g. read back from a file) go through arrays. */
    private static byte[] arrayOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Override
    public int maxCompressedLength(int rawLength) {
        return Math.toIntExact(Zstd.compressBound(rawLength));
    }
}
