package org.zarrscope.codec;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib inside Blosc frames, through the JDK's {@link Deflater} and {@link Inflater} on buffer
 * views (their {@code ByteBuffer} calls read heap arrays and direct memory in place). One zlib
 * stream (RFC 1950, with header and Adler-32) per Blosc stream at level {@code clevel}, as c-blosc
 * 1.21's {@code compress2} call writes it. The deflater stops where its room ends, so it never
 * needs more room than the stream's own length.
 */
final class ZlibBloscCompressor implements BloscCompressor {
    /** {@code BLOSC_ZLIB_FORMAT}. */
    static final int FORMAT = 3;

    /** zlib's deflate state at the default memLevel and window (deflateInit2's own estimate, rounded up). */
    private static final long STATE_BYTES = 300 << 10;

    private final int level;
    private Deflater deflater;
    private Inflater inflater;

    /** A compressor for {@code clevel} 1–9. */
    ZlibBloscCompressor(int clevel) {
        this.level = clevel;
    }

    @Override
    public int format() {
        return FORMAT;
    }

    @Override
    public int maxCompressedLength(int length) {
        return length;
    }

    @Override
    public boolean needsOneKind() {
        return false;
    }

    @Override
    public int compress(ByteBuffer source, int from, int length, ByteBuffer target, int to, int room) {
        Deflater zlib = deflater();
        zlib.reset();
        zlib.setInput(slice(source, from, length));
        zlib.finish();
        ByteBuffer output = slice(target, to, Math.min(room, length));
        while (!zlib.finished()) {
            zlib.deflate(output);
            if (!output.hasRemaining() && !zlib.finished()) {
                return DOES_NOT_FIT;
            }
        }
        return output.position() - to;
    }

    @Override
    public void decompress(ByteBuffer source, int from, int length, ByteBuffer target, int to, int rawLength) {
        Inflater zlib = inflater();
        zlib.reset();
        zlib.setInput(slice(source, from, length));
        ByteBuffer output = slice(target, to, rawLength);
        try {
            while (output.hasRemaining() && !zlib.finished()) {
                if (zlib.inflate(output) == 0 && (zlib.needsInput() || zlib.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt zlib stream in a blosc frame: " + e.getMessage(), e);
        }
        if (output.hasRemaining() || !zlib.finished()) {
            throw new IllegalArgumentException("zlib stream in a blosc frame decompressed to " + (output.position() - to)
                    + (zlib.finished() ? "" : " or more") + " bytes, expected " + rawLength);
        }
    }

    /** A view of {@code length} bytes at {@code from}, for the JDK's position-based calls. */
    private static ByteBuffer slice(ByteBuffer buffer, int from, int length) {
        ByteBuffer view = buffer.duplicate();
        view.limit(from + length).position(from);
        return view;
    }

    private Deflater deflater() {
        if (deflater == null) {
            deflater = new Deflater(level);
        }
        return deflater;
    }

    private Inflater inflater() {
        if (inflater == null) {
            inflater = new Inflater();
        }
        return inflater;
    }

    @Override
    public long nativeBytes() {
        return STATE_BYTES;
    }
}
