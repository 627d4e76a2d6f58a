package org.zarrscope.chunk;

import java.nio.ByteBuffer;
import org.zarrscope.memory.PixelBuffer;

/** A chunk receiving planes: its buffer (zeroed, so missing planes read as the fill value) and progress. */
final class OpenChunk {
    /** Chunk indices along t, c, z, y, x. */
    final int[] index;
    final PixelBuffer buffer;
    /** The buffer seen by the assembler thread only; reused for every plane copied in. */
    final ByteBuffer target;
    final int planesExpected;
    int planesReceived;

    OpenChunk(int[] index, PixelBuffer buffer, int planesExpected) {
        this.index = index;
        this.buffer = buffer;
        this.target = buffer.bytes();
        this.planesExpected = planesExpected;
    }

    boolean isComplete() {
        return planesReceived == planesExpected;
    }
}
