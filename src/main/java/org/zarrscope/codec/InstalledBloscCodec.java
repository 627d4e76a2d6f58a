package org.zarrscope.codec;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Blosc 1.x by the c-blosc installed on this computer ({@link InstalledBlosc}), for what
 * {@link BloscFrameCodec} leaves to c-blosc. Chunks in direct memory (the writer's pixel buffers
 * for this codec) are compressed where they are, into the writer's direct buffers; heap buffers (a
 * handed-over frame, a reader's arrays) pass through a reused direct buffer each way, because JNA
 * would copy a heap array in and back out on every call.
 */
final class InstalledBloscCodec implements Codec {
    private final Pointer compressorName;
    private final int clevel;
    private final BloscShuffle shuffle;
    private final int typeSize;
    private ByteBuffer input = ByteBuffer.allocateDirect(0);
    private ByteBuffer output = ByteBuffer.allocateDirect(0);

    InstalledBloscCodec(String cname, int clevel, BloscShuffle shuffle, int typeSize) {
        this.compressorName = InstalledBlosc.compressorName(cname);
        this.clevel = clevel;
        this.shuffle = shuffle;
        this.typeSize = typeSize;
    }

    /** A context for decompressing only: Blosc frames say how they were made, so any settings read them. */
    static InstalledBloscCodec forReading() {
        return new InstalledBloscCodec("blosclz", 5, BloscShuffle.SHUFFLE, 1);
    }

    @Override
    public int compress(ByteBuffer source, ByteBuffer target) {
        ByteBuffer in = source.isDirect() ? source : staged(source);
        ByteBuffer out = target.isDirect() ? target : outputOf(maxCompressedLength(source.remaining()));
        int written = InstalledBlosc.compress(clevel, shuffle, typeSize, in, out, compressorName);
        if (out == target) {
            target.position(target.position() + written);
        } else {
            out.limit(written);
            target.put(out);
        }
        return written;
    }

    @Override
    public void decompress(ByteBuffer source, ByteBuffer target) {
        BloscHeader.checked(source, target.remaining());
        ByteBuffer in = source.isDirect() ? source : staged(source);
        ByteBuffer out = target.isDirect() ? target : outputOf(target.remaining());
        InstalledBlosc.decompress(in, out);
        if (out == target) {
            target.position(target.limit());
        } else {
            target.put(out); // c-blosc filled it from position 0 to its limit
        }
    }

    /** {@code source}'s bytes in the reused direct input buffer. */
    private ByteBuffer staged(ByteBuffer source) {
        if (input.capacity() < source.remaining()) {
            input = ByteBuffer.allocateDirect(source.remaining());
        }
        input.clear();
        input.put(source.duplicate()).flip();
        return input;
    }

    /** The reused direct output buffer, with {@code bytes} remaining. */
    private ByteBuffer outputOf(int bytes) {
        if (output.capacity() < bytes) {
            output = ByteBuffer.allocateDirect(bytes);
        }
        output.clear().limit(bytes);
        return output;
    }

    @Override
    public int maxCompressedLength(int rawLength) {
        return BloscHeader.maxCBloscFrame(rawLength);
    }

    /** The direct buffers heap chunks pass through. */
    @Override
    public long workingBytes(int rawLength) {
        return (long) rawLength + maxCompressedLength(rawLength);
    }
}
