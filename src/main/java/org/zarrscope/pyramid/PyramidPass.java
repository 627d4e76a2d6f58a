package org.zarrscope.pyramid;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.zarrscope.Axis;
import org.zarrscope.chunk.ChunkGrid;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ArrayLayout;
import org.zarrscope.zarr.ZarrArray;
import org.zarrscope.zarr.ZarrLayout;
import org.zarrscope.zarr.ZarrReader;

/**
 * One pass of the after-run pyramid, from a level on disk (the base) up to a top level: the
 * levels' layouts and arrays, shared by the workers, each of which takes the next top-level
 * chunk index from a shared counter until none is left or one of them failed.
 */
final class PyramidPass {
    private final Store store;
    private final int base;
    private final int top;
    private final String basePath;
    /** The layouts of levels {@code base} to {@code top}, by {@code level - base}. */
    private final ArrayLayout[] layoutOf;
    /** The arrays of levels {@code base + 1} to {@code top}, by {@code level - base} (none at 0). */
    private final ZarrArray[] arrays;
    private final int[] topChunks = new int[5];
    private final long count;
    private final AtomicLong next = new AtomicLong();
    private volatile boolean failed;

    /**
     * Writes the array metadata of levels {@code base + 1} to {@code top} of the image at
     * {@code imagePath}, whose time extent is {@code timePoints}.
     */
    PyramidPass(ResolutionLevels levels, ZarrLayout layout, Store store, String imagePath, int base, int top,
                int timePoints) throws IOException {
        this.store = store;
        this.base = base;
        this.top = top;
        this.basePath = ZarrLayout.join(imagePath, Integer.toString(base));
        layoutOf = new ArrayLayout[top - base + 1];
        arrays = new ZarrArray[top - base + 1];
        layoutOf[0] = levels.level(base);
        for (int level = base + 1; level <= top; level++) {
            ArrayLayout output = levels.level(level);
            checkNested(layoutOf[level - base - 1], output);
            layoutOf[level - base] = output;
            arrays[level - base] = layout.array(output, ZarrLayout.join(imagePath, Integer.toString(level)));
            arrays[level - base].writeArray(timePoints);
        }
        int[] shape = layoutOf[top - base].arrayShape(timePoints);
        long chunks = 1;
        for (Axis axis : Axis.values()) {
            topChunks[axis.dimension()] = ChunkGrid.ceilDiv(shape[axis.dimension()],
                    layoutOf[top - base].chunk(axis));
            chunks *= topChunks[axis.dimension()];
        }
        this.count = chunks;
    }

    /**
     * A level's chunk of 2×2 blocks takes its inputs from at most 2 × 2 chunks of the level below,
     * and each of those belongs to one chunk of the level (the level is one chunk wide, or its
     * chunks cover whole chunks of the level below): then making the level's chunks from the
     * level below, depth first, makes every chunk of the level below exactly once.
     */
    private static void checkNested(ArrayLayout input, ArrayLayout output) {
        for (Axis axis : new Axis[] {Axis.Y, Axis.X}) {
            int extent = axis == Axis.Y ? output.height() : output.width();
            if ((2 * output.chunk(axis)) % input.chunk(axis) != 0 && extent > output.chunk(axis)) {
                throw new IllegalStateException("pyramid level chunks of " + output.chunk(axis) + " " + axis
                        + " do not cover whole chunks of " + input.chunk(axis) + " of the level below");
            }
        }
        for (Axis axis : new Axis[] {Axis.TIME, Axis.CHANNEL, Axis.Z}) {
            if (input.chunk(axis) != output.chunk(axis)) {
                throw new IllegalStateException("pyramid levels must keep the " + axis + " chunk extent");
            }
        }
    }

    int base() {
        return base;
    }

    int top() {
        return top;
    }

    ArrayLayout layout(int level) {
        return layoutOf[level - base];
    }

    ZarrArray array(int level) {
        return arrays[level - base];
    }

    /** The widest chunk along x, in pixels, of the pass's levels. */
    int widestChunk() {
        int widest = 0;
        for (ArrayLayout level : layoutOf) {
            widest = Math.max(widest, level.chunk(Axis.X));
        }
        return widest;
    }

    /** A reader of the base level, for one worker. */
    ZarrReader openBase() throws IOException {
        return ZarrReader.open(store, basePath);
    }

    /** The index of the next top-level chunk to make, or null when none is left or a worker failed. */
    int[] nextTopChunk() {
        long i = next.getAndIncrement();
        if (i >= count || failed) {
            return null;
        }
        int[] index = new int[5];
        long rest = i;
        for (int d = 4; d >= 0; d--) {
            index[d] = (int) (rest % topChunks[d]);
            rest /= topChunks[d];
        }
        return index;
    }

    /**
     * Stops the other workers after making top-level chunk {@code index} failed, and says what
     * failed: the levels, the chunk, the dataset and the base they were built from.
     */
    IOException failure(int[] index, Exception cause) {
        failed = true;
        return new IOException("cannot build pyramid levels " + (base + 1) + " to " + top + " under chunk "
                + array(top).chunkSink().describe(index) + " of " + store.describe() + " from " + basePath
                + ": " + cause.getMessage(), cause);
    }
}
