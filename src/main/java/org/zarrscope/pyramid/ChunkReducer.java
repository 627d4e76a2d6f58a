package org.zarrscope.pyramid;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reduces the (at most 2 × 2) chunks of the level below that make one output chunk into it,
 * through a {@link PlaneReducer}. One per worker: its two rows of scratch are reused for every
 * chunk it makes.
 */
final class ChunkReducer {
    private final PlaneReducer reducer;
    private final int bytesPerSample;
    private final ByteBuffer upper;
    private final ByteBuffer lower;

    /** @param widestChunk the widest chunk along x, in pixels, of the levels it reduces from and to */
    ChunkReducer(PlaneReducer reducer, int bytesPerSample, int widestChunk) {
        this.reducer = reducer;
        this.bytesPerSample = bytesPerSample;
        int rowBytes = 2 * widestChunk * bytesPerSample;
        upper = ByteBuffer.allocateDirect(rowBytes).order(ByteOrder.LITTLE_ENDIAN);
        lower = ByteBuffer.allocateDirect(rowBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reduces each input chunk's part of the region straight into its part of the output chunk. */
    void reduceChunkByChunk(InputGeometry g, ByteBuffer[][] sources, int tilesY, int tilesX, ByteBuffer target) {
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                ByteBuffer source = sources[ty][tx];
                if (source == null) {
                    continue;
                }
                int tileY = (g.firstTileY + ty) * g.inputChunkY;
                int tileX = (g.firstTileX + tx) * g.inputChunkX;
                int fromY = Math.max(g.y0, tileY);
                int fromX = Math.max(g.x0, tileX);
                int height = Math.min(g.y1, tileY + g.inputChunkY) - fromY;
                int width = Math.min(g.x1, tileX + g.inputChunkX) - fromX;
                for (int plane = 0; plane < g.planesPerChunk; plane++) {
                    int sourceOffset = ((plane * g.inputChunkY + fromY - tileY) * g.inputChunkX + fromX - tileX)
                            * bytesPerSample;
                    int targetOffset = ((plane * g.outputChunkY + (fromY - g.y0) / 2) * g.outputChunkX
                            + (fromX - g.x0) / 2) * bytesPerSample;
                    reducer.reducePlane(source, sourceOffset, g.inputChunkX * bytesPerSample, height, width,
                            target, targetOffset, g.outputChunkX * bytesPerSample);
                }
            }
        }
    }

    /** Assembles each row pair across the input chunks first: blocks straddle chunks of odd extent. */
    void reduceRowByRow(InputGeometry g, ByteBuffer[][] sources, int rows, ByteBuffer target) {
        int width = g.x1 - g.x0;
        int outputRowBytes = g.outputChunkX * bytesPerSample;
        for (int plane = 0; plane < g.planesPerChunk; plane++) {
            for (int row = 0; row < rows; row++) {
                int y = g.y0 + 2 * row;
                boolean lowerExists = y + 1 < g.y1;
                fillRow(g, sources, upper, plane, y);
                if (lowerExists) {
                    fillRow(g, sources, lower, plane, y + 1);
                }
                reducer.reduceRows(upper, 0, lowerExists ? lower : null, 0, width, target,
                        (plane * g.outputChunkY + row) * outputRowBytes);
            }
        }
    }

    /** Copies row {@code y}, columns {@code x0} to {@code x1}, of one plane of the input chunks into {@code row}. */
    private void fillRow(InputGeometry g, ByteBuffer[][] sources, ByteBuffer row, int plane, int y) {
        int tileY = y / g.inputChunkY - g.firstTileY;
        int rowInChunk = y % g.inputChunkY;
        for (int tx = 0; g.firstTileX + tx <= (g.x1 - 1) / g.inputChunkX; tx++) {
            int tileStart = (g.firstTileX + tx) * g.inputChunkX;
            int from = Math.max(g.x0, tileStart);
            int to = Math.min(g.x1, tileStart + g.inputChunkX);
            int length = (to - from) * bytesPerSample;
            row.limit((to - g.x0) * bytesPerSample).position((from - g.x0) * bytesPerSample);
            ByteBuffer source = sources[tileY][tx];
            if (source == null) {
                while (row.hasRemaining()) {
                    row.put((byte) 0); // a chunk never written reads as the fill value
                }
            } else {
                int offset = ((plane * g.inputChunkY + rowInChunk) * g.inputChunkX + from - tileStart)
                        * bytesPerSample;
                source.limit(offset + length).position(offset);
                row.put(source);
                source.clear();
            }
        }
        row.clear();
    }
}
