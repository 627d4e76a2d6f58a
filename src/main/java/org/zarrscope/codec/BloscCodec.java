package org.zarrscope.codec;

import com.scalableminds.bloscjava.Blosc;
import java.nio.ByteBuffer;

/**
 * Blosc 1.x through {@code blosc-java}, which carries c-blosc for Windows, macOS and Linux inside
 * its jar and calls the thread-safe {@code blosc_compress_ctx}: on computers with no c-blosc
 * installed ({@link InstalledBlosc}), for what only c-blosc does (the byte-shuffled LZ4 it
 * shuffles fastest, blosclz, bit shuffle) and for reading frames {@link BloscFrameCodec} does not. Its API takes whole Java arrays:
 * chunks arrive in heap arrays of exactly their size ({@link #readsWholeArrays}), and anything
 * else is copied into one reused input array per context; blosc's own threads stay
 * at 1 because chunks are already compressed in parallel, one per writer thread.
 */
final class BloscCodec implements Codec {
    private final Blosc.Compressor compressor;
    private final int clevel;
    private final Blosc.Shuffle shuffle;
    private final int typeSize;
    private byte[] input = new byte[0];

    BloscCodec(String cname, int clevel, BloscShuffle shuffle, int typeSize) {
        this.compressor = loadedCompressor(cname);
        this.clevel = clevel;
        this.shuffle = Blosc.Shuffle.fromInt(shuffle.code());
        this.typeSize = typeSize;
    }

    private static Blosc.Compressor loadedCompressor(String cname) {
        try {
            Blosc.Compressor found = Blosc.Compressor.fromString(cname);
            if (found == null) {
                throw new IllegalArgumentException("blosc compressor '" + cname + "' is not available");
            }
            return found;
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError e) {
            throw NativeLibraries.doesNotLoad("Blosc", e);
        }
    }

    /** A context for decompressing only: Blosc frames say how they were made, so any settings read them. */
    static BloscCodec forReading() {
        return new BloscCodec("blosclz", 5, BloscShuffle.SHUFFLE, 1);
    }

    @Override
    public int compress(ByteBuffer source, ByteBuffer target) {
        byte[] compressed = Blosc.compress(wholeArrayOf(source), typeSize, compressor, clevel, shuffle, 0, 1);
        target.put(compressed);
        return compressed.length;
    }

    @Override
    public void decompress(ByteBuffer source, ByteBuffer target) {
        BloscHeader.checked(source, target.remaining());
        byte[] raw = Blosc.decompress(wholeArrayOf(source), 1);
        if (raw.length != target.remaining()) {
            throw new IllegalArgumentException("blosc chunk decompressed to " + raw.length + " bytes, expected "
                    + target.remaining());
        }
        target.put(raw);
    }

    /**
     * The bytes of {@code source} as an array: its own array when it is exactly that (a chunk in
     * a heap pixel buffer, a chunk read from a file), else a copy. blosc-java copies its input
     * once more itself, so every copy saved here counts.
     */
    private byte[] wholeArrayOf(ByteBuffer source) {
        if (source.hasArray() && source.arrayOffset() == 0 && source.position() == 0
                && source.remaining() == source.array().length) {
            return source.array();
        }
        return copyOf(source);
    }

    private byte[] copyOf(ByteBuffer source) {
        int length = source.remaining();
        if (input.length != length) {
            input = new byte[length];
        }
        source.duplicate().get(input);
        return input;
    }

    @Override
    public boolean readsWholeArrays() {
        return true;
    }

    @Override
    public int maxCompressedLength(int rawLength) {
        return BloscHeader.maxCBloscFrame(rawLength);
    }

    /** The reused input array, and the result array blosc-java returns (kept until written). */
    @Override
    public long workingBytes(int rawLength) {
        return (long) rawLength + maxCompressedLength(rawLength);
    }
}
