package org.zarrscope.pyramid;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.zarrscope.Axis;
import org.zarrscope.chunk.ChunkEncoder;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.zarr.ArrayLayout;
import org.zarrscope.zarr.ZarrReader;

/**
 * One worker of a {@link PyramidPass}: it makes each top-level chunk it takes from the chunks of
 * the level below, which it makes, and writes, from theirs, down to the base, whose chunks it
 * reads. Its reader and buffers are reused for every chunk it makes.
 */
final class PassWorker {
    private final PyramidPass pass;
    private final ZarrReader reader;
    private final ChunkReducer reducer;
    private final ChunkEncoder encoder;
    private final boolean onHeap;
    private final Runnable chunkDone;
    /** The top level's output chunk. */
    private final PixelBuffer topChunk;
    /** For each level of the pass below the top (by {@code level - base}): its 2 × 2 chunk buffers, made when first needed. */
    private final PixelBuffer[][][] below;
    /** For each level above the base (by {@code level - base - 1}): which of the 2 × 2 inputs were written ({@code null} where never). */
    private final ByteBuffer[][][] inputs;

    /**
     * @param reader    reads the chunks of the pass's base
     * @param encoder   compresses and writes the chunks it makes
     * @param onHeap    whether its chunk buffers live on the heap
     * @param chunkDone told after every output chunk, written or never written
     */
    PassWorker(PyramidPass pass, ZarrReader reader, ChunkReducer reducer, ChunkEncoder encoder, boolean onHeap,
               Runnable chunkDone) {
        this.pass = pass;
        this.reader = reader;
        this.reducer = reducer;
        this.encoder = encoder;
        this.onHeap = onHeap;
        this.chunkDone = chunkDone;
        int depth = pass.top() - pass.base();
        topChunk = new PixelBuffer(Math.toIntExact(pass.layout(pass.top()).chunkBytes()), onHeap);
        below = new PixelBuffer[depth][2][2];
        inputs = new ByteBuffer[depth][2][2];
    }

    /** Makes top-level chunks, and what lies below them, until none is left or a worker failed. */
    void work() throws IOException {
        for (int[] index = pass.nextTopChunk(); index != null; index = pass.nextTopChunk()) {
            try {
                make(pass.top(), index, topChunk);
            } catch (IOException | RuntimeException e) {
                throw pass.failure(index, e);
            }
        }
    }

    /** The buffer for the input {@code (ty, tx)} of a chunk of level {@code level + 1}. */
    private PixelBuffer buffer(int level, int ty, int tx) {
        PixelBuffer[][] chunks = below[level - pass.base()];
        if (chunks[ty][tx] == null) {
            chunks[ty][tx] = new PixelBuffer(Math.toIntExact(pass.layout(level).chunkBytes()), onHeap);
        }
        return chunks[ty][tx];
    }

    /**
     * Makes chunk {@code index} of {@code level} in {@code target}: reads it at the base, else
     * makes its inputs, reduces them and writes the chunk.
     *
     * @return false if the chunk was never written (and is not)
     */
    private boolean make(int level, int[] index, PixelBuffer target) throws IOException {
        if (level == pass.base()) {
            return reader.readChunk(index[0], index[1], index[2], index[3], index[4], target.bytes());
        }
        ArrayLayout input = pass.layout(level - 1);
        ArrayLayout output = pass.layout(level);
        int outputChunkY = output.chunk(Axis.Y);
        int outputChunkX = output.chunk(Axis.X);
        int inputChunkY = input.chunk(Axis.Y);
        int inputChunkX = input.chunk(Axis.X);
        // the rows and columns of the level below whose 2x2 blocks make this chunk, and the chunks holding them
        int y0 = 2 * index[3] * outputChunkY;
        int y1 = Math.min(y0 + 2 * outputChunkY, input.height());
        int x0 = 2 * index[4] * outputChunkX;
        int x1 = Math.min(x0 + 2 * outputChunkX, input.width());
        int firstTileY = y0 / inputChunkY;
        int firstTileX = x0 / inputChunkX;
        int tilesY = (y1 - 1) / inputChunkY - firstTileY + 1;
        int tilesX = (x1 - 1) / inputChunkX - firstTileX + 1;
        ByteBuffer[][] sources = inputs[level - pass.base() - 1];
        int read = 0;
        for (int ty = 0; ty < 2; ty++) {
            for (int tx = 0; tx < 2; tx++) {
                sources[ty][tx] = null;
                if (ty < tilesY && tx < tilesX) {
                    PixelBuffer source = buffer(level - 1, ty, tx);
                    int[] sourceIndex = {index[0], index[1], index[2], firstTileY + ty, firstTileX + tx};
                    if (make(level - 1, sourceIndex, source)) {
                        sources[ty][tx] = source.bytes();
                        read++;
                    }
                }
            }
        }
        chunkDone.run();
        if (read == 0) {
            return false;
        }
        int chunkBytes = Math.toIntExact(output.chunkBytes());
        int rows = Math.min(outputChunkY, output.height() - index[3] * outputChunkY);
        int width = x1 - x0;
        if (rows < outputChunkY || PlaneReducer.reducedSize(width) < outputChunkX || read < tilesY * tilesX) {
            target.clear(chunkBytes); // y/x padding, and what missing chunks cover, is the fill value
        }
        InputGeometry geometry = new InputGeometry(input, output, y0, y1, x0, x1, firstTileY, firstTileX);
        // No 2x2 block straddles two input chunks (even chunk extents, or one chunk across the
        // level): each input chunk is reduced in place into its part of the output chunk;
        // otherwise rows are first assembled across chunks.
        boolean blocksWithinChunks = (inputChunkY % 2 == 0 || input.height() <= inputChunkY)
                && (inputChunkX % 2 == 0 || input.width() <= inputChunkX);
        ByteBuffer pixels = target.bytes();
        if (blocksWithinChunks) {
            reducer.reduceChunkByChunk(geometry, sources, tilesY, tilesX, pixels);
        } else {
            reducer.reduceRowByRow(geometry, sources, rows, pixels);
        }
        pixels.limit(chunkBytes);
        encoder.write(pass.array(level).chunkSink(), index, pixels);
        return true;
    }
}
