package org.zarrscope.codec;

import java.nio.ByteBuffer;

/** No compression: chunks are stored as their raw little-endian bytes ({@code "compressor": null}). */
final class RawCodec implements Codec {
    @Override
    public int compress(ByteBuffer source, ByteBuffer target) {
        int length = source.remaining();
        target.put(source.duplicate());
        return length;
    }

    @Override
    public void decompress(ByteBuffer source, ByteBuffer target) {
        if (source.remaining() != target.remaining()) {
            throw new IllegalArgumentException("raw chunk has " + source.remaining() + " bytes, expected "
                    + target.remaining());
        }
        target.put(source.duplicate());
    }

    @Override
    public int maxCompressedLength(int rawLength) {
        return rawLength;
    }
}
