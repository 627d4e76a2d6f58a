package org.zarrscope.chunk;

import org.zarrscope.Axis;
import org.zarrscope.zarr.ArrayLayout;

/**
 * The arithmetic of cutting the 5-D array {@code (t, c, z, y, x)} into chunks: chunk counts and
 * how many planes each chunk must receive before it is complete. Edge chunks are stored full
 * size (Zarr pads them with the fill value).
 */
public final class ChunkGrid {
    /**
     * Pixels one writer task gathers, compresses and writes, tile after tile: a task per 512 KiB
     * tile cost the writer threads twice the context switches and about 8 % of the throughput
     * (docs/benchmarks.md, "tiles handed to the writer threads in runs").
     */
    private static final long WRITER_TASK_BYTES = 2 << 20;

    private final ArrayLayout layout;
    private final int[] chunk;
    private final int tilesY;
    private final int tilesX;

    public ChunkGrid(ArrayLayout layout) {
        this.layout = layout;
        this.chunk = layout.chunkShape();
        this.tilesY = ceilDiv(layout.height(), chunk[Axis.Y.dimension()]);
        this.tilesX = ceilDiv(layout.width(), chunk[Axis.X.dimension()]);
    }

    public static int ceilDiv(int size, int extent) {
        return (size + extent - 1) / extent;
    }

    public int chunk(Axis axis) {
        return chunk[axis.dimension()];
    }

    public int tilesY() { return tilesY; }

    public int tilesX() { return tilesX; }

    /** True when every chunk is exactly one whole camera frame, so a ring slot can become the chunk. */
    public boolean chunkIsWholeFrame() {
        return chunk[0] == 1 && chunk[1] == 1 && chunk[2] == 1 && tilesY == 1 && tilesX == 1
                && chunk[3] == layout.height() && chunk[4] == layout.width()
                && layout.pixelType().storedChannelsPerFrame() == 1;
    }

    /**
     * Whether every chunk is one tile of one frame (one plane: a single time point, channel and z
     * slice, and one stored channel per frame): then a handed-over frame's tiles are gathered by
     * the writer threads, and its array is held until its last tile is.
     */
    public boolean planeChunks() {
        return chunk[0] == 1 && chunk[1] == 1 && chunk[2] == 1 && layout.pixelType().storedChannelsPerFrame() == 1;
    }

    /**
     * How many consecutive tiles of a frame one writer task takes when the writer threads gather
     * handed-over frames ({@link #planeChunks}): as many as hold {@value #WRITER_TASK_BYTES} bytes,
     * at least one, at most the frame's.
     */
    public int tilesPerWriterTask() {
        long perTask = Math.max(1, WRITER_TASK_BYTES / layout.chunkBytes());
        return (int) Math.min((long) tilesY * tilesX, perTask);
    }

    /**
     * Whether the one plane a chunk at this tile holds covers all of it: a chunk of one plane
     * away from the frame's right and bottom edges. Other chunks start zeroed, so what no plane
     * covers reads as the fill value.
     */
    public boolean oneTileFills(int tileY, int tileX) {
        return chunk[0] == 1 && chunk[1] == 1 && chunk[2] == 1
                && (long) (tileY + 1) * chunk[3] <= layout.height() && (long) (tileX + 1) * chunk[4] <= layout.width();
    }

    /**
     * Planes (of one tile) the chunk at these chunk indices receives in a complete acquisition;
     * fewer than its extent at the array's edges. Along an unbounded time axis every chunk
     * expects its full extent.
     */
    public int planesExpected(int tChunk, int cChunk, int zChunk) {
        int[] shape = layout.arrayShape(Integer.MAX_VALUE);
        return extentWithin(tChunk, chunk[0], shape[0]) * extentWithin(cChunk, chunk[1], shape[1])
                * extentWithin(zChunk, chunk[2], shape[2]);
    }

    private static int extentWithin(int chunkIndex, int extent, int size) {
        long start = (long) chunkIndex * extent;
        return (int) Math.min(extent, size - start);
    }

}
