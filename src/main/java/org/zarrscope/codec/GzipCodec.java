package org.zarrscope.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Gzip (RFC 1952), as numcodecs' {@code gzip} codec reads it. The JDK's {@code GZIPOutputStream}
 * allocates a new native deflater per stream, so this codec reuses one raw {@link Deflater} per
 * thread and adds the fixed 10-byte header and the CRC-32/size trailer itself.
 */
final class GzipCodec implements Codec {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int TRAILER_LENGTH = 8;

    private final Deflater deflater;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();

    GzipCodec(int level) {
        deflater = new Deflater(level, true);
    }

    @Override
    public int compress(ByteBuffer source, ByteBuffer target) {
        int start = target.position();
        target.put(HEADER);
        deflater.reset();
        deflater.setInput(source.duplicate());
        deflater.finish();
        while (!deflater.finished()) {
            if (deflater.deflate(target) == 0 && !target.hasRemaining()) {
                throw new IllegalStateException("gzip output larger than its bound");
            }
        }
        crc.reset();
        crc.update(source.duplicate());
        target.order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue())
                .putInt(source.remaining());
        return target.position() - start;
    }

    @Override
    public void decompress(ByteBuffer source, ByteBuffer target) {
        ByteBuffer body = source.duplicate();
        body.position(body.position() + HEADER.length);
        body.limit(body.limit() - TRAILER_LENGTH);
        inflater.reset();
        inflater.setInput(body);
        try {
            while (target.hasRemaining() && !inflater.finished()) {
                if (inflater.inflate(target) == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("gzip chunk is truncated");
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("gzip chunk is corrupt: " + e.getMessage(), e);
        }
        if (target.hasRemaining()) {
            throw new IllegalArgumentException("gzip chunk decompressed to fewer bytes than expected");
        }
    }

    @Override
    public int maxCompressedLength(int rawLength) {
        // zlib's deflateBound for stored blocks (5 bytes per 16 KiB block) plus gzip framing
        return rawLength + (rawLength >> 12) + (rawLength >> 14) + 64 + HEADER.length + TRAILER_LENGTH;
    }
}
