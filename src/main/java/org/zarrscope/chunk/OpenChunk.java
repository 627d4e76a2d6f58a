package org.zarrscope.chunk;

import java.nio.ByteBuffer;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.zarr.ChunkSink;

/** A chunk receiving planes: its buffer (zeroed, so missing planes read as the fill value) and progress. */
final class OpenChunk {
    /** The array (of a stage position's image) the chunk belongs to. */
    final ChunkSink sink;
    /** Chunk indices along t, c, z, y, x. */
    final int[] index;
    final PixelBuffer buffer;
    /** The buffer seen by the assembler thread only; reused for every plane copied in. */
    final ByteBuffer target;
    final int planesExpected;
    int planesReceived;
    /** Camera frame tiles placed (none for pyramid levels), for the frames-written count. */
    int frameTiles;

    OpenChunk(ChunkSink sink, int[] index, PixelBuffer buffer, int planesExpected) {
        this.sink = sink;
        this.index = index;
        this.buffer = buffer;
        this.target = buffer.bytes();
        this.planesExpected = planesExpected;
    }

    boolean isComplete() {
        return planesReceived == planesExpected;
    }
}
