package org.zarrscope.pyramid;

import org.zarrscope.Axis;
import org.zarrscope.zarr.ArrayLayout;

/**
 * Where one output chunk's inputs lie in the level below: the rows {@code y0} to {@code y1} and
 * columns {@code x0} to {@code x1} whose 2×2 blocks make it, the first of the input chunks
 * holding them, and the chunk extents of both levels.
 */
final class InputGeometry {
    final int inputChunkY;
    final int inputChunkX;
    final int outputChunkY;
    final int outputChunkX;
    final int planesPerChunk;
    final int y0;
    final int y1;
    final int x0;
    final int x1;
    final int firstTileY;
    final int firstTileX;

    InputGeometry(ArrayLayout input, ArrayLayout output, int y0, int y1, int x0, int x1, int firstTileY,
                  int firstTileX) {
        this.inputChunkY = input.chunk(Axis.Y);
        this.inputChunkX = input.chunk(Axis.X);
        this.outputChunkY = output.chunk(Axis.Y);
        this.outputChunkX = output.chunk(Axis.X);
        this.planesPerChunk = output.chunk(Axis.TIME) * output.chunk(Axis.CHANNEL) * output.chunk(Axis.Z);
        this.y0 = y0;
        this.y1 = y1;
        this.x0 = x0;
        this.x1 = x1;
        this.firstTileY = firstTileY;
        this.firstTileX = firstTileX;
    }
}
