package org.zarrscope.pyramid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.zarrscope.Axis;
import org.zarrscope.chunk.ChunkEncoder;
import org.zarrscope.chunk.ChunkGrid;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ArrayLayout;
import org.zarrscope.zarr.ZarrArray;
import org.zarrscope.zarr.ZarrLayout;
import org.zarrscope.zarr.ZarrReader;

/**
 * Builds the reduced levels of an image after the run, from the full-resolution array on disk,
 * on the writer's thread count. Each level is written through the same {@link ZarrLayout}, chunk
 * sink and codec as level 0, so it is a Zarr array like any other.
 *
 * <p>The levels are built in <i>passes</i>, each from one level on disk (the <i>base</i>, level 0
 * for the first pass) up to a <i>top</i> level, depth first: a worker takes the next output
 * chunk of the top level, and makes it from its 2×2 (or fewer) chunks of the level below, which
 * it makes, and writes, from theirs, down to the base, whose chunks it reads. So level 0 is read
 * and decompressed once, and no level of the pass is read back from disk: reading and
 * decompressing are most of the cost of building after the run. Reducing a chunk in memory or
 * after reading it back from disk gives the same bytes, so the pixels are those of a level-by-level
 * build (and of the {@link StreamingPyramid}). The top of a pass is the highest level that still
 * has {@value #CHUNKS_PER_THREAD} output chunks per thread, so the threads stay busy (a single
 * frame with many levels is built in more passes, each from the last level written).
 *
 * <p>Memory stays bounded whatever the size of the run: each of the {@code writerThreads}
 * workers holds, for each level of the pass below the top, at most the 4 chunks that make one
 * chunk of the level above, plus one top-level chunk and two rows of scratch; there is no queue of
 * work, the workers take the next top-level chunk index from a shared counter. Top-level chunks
 * are taken in order (t outermost), so the shards of every level complete one after the other.
 *
 * <p>An output chunk all of whose inputs were never written (frames not acquired) is not
 * written either, exactly as the {@link StreamingPyramid} never writes it.
 */
public final class PyramidBuilder {
    /** Top-level chunks per thread a pass needs at least, so no thread waits long for the last one. */
    static final int CHUNKS_PER_THREAD = 4;

    /** Told after every output chunk, from the builder's threads; must be thread-safe and quick. */
    public interface Progress {
        void chunksDone(long done, long total);
    }

    private final ResolutionLevels levels;
    private final int threads;
    private final ZarrLayout layout;
    private final Store store;
    private final List<String> imagePaths;
    private final ChunkEncoder encoder;
    private final Progress progress;
    private final int bytesPerSample;
    /** Chunk buffers on the heap when the codec reads whole arrays (the memory plan's choice). */
    private final boolean onHeap;

    /**
     * @param threads    workers building chunks at once (the writer's thread count)
     * @param onHeap     whether chunk buffers live on the heap, as the memory plan's do
     * @param imagePaths the image groups (one per stage position) holding the arrays {@code 0},
     *     {@code 1}, ... ({@code ""} for an image at the dataset root)
     * @param encoder    compresses and writes the level chunks (the writer's codec)
     */
    public PyramidBuilder(ResolutionLevels levels, int threads, boolean onHeap, ZarrLayout layout, Store store,
                          List<String> imagePaths, ChunkEncoder encoder, Progress progress) {
        this.levels = levels;
        this.threads = threads;
        this.layout = layout;
        this.store = store;
        this.imagePaths = imagePaths;
        this.encoder = encoder;
        this.progress = progress;
        this.bytesPerSample = levels.fullResolution().pixelType().bytesPerSample();
        this.onHeap = onHeap;
    }

    /**
     * Writes levels 1 to {@code count − 1} of every image from the level 0 on disk, whose time
     * extent is {@code timePoints}. Each level's array metadata is written before its chunks and
     * its shards are completed before a later pass reads it.
     *
     * @throws IOException naming the array and chunk that could not be read or written
     */
    public void build(int timePoints) throws IOException {
        if (levels.count() < 2) {
            return;
        }
        long total = 0;
        for (int level = 1; level < levels.count(); level++) {
            total += chunkCount(levels.level(level), timePoints) * imagePaths.size();
        }
        AtomicLong done = new AtomicLong();
        progress.chunksDone(0, total);
        AtomicInteger number = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "zarrscope-pyramid-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (String imagePath : imagePaths) {
                for (int base = 0; base < levels.count() - 1; ) {
                    int top = topOfPass(base, timePoints, threads);
                    buildPass(imagePath, base, top, timePoints, workers, threads, done, total);
                    base = top;
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private static long chunkCount(ArrayLayout level, int timePoints) {
        int[] shape = level.arrayShape(timePoints);
        long count = 1;
        for (Axis axis : Axis.values()) {
            count *= ChunkGrid.ceilDiv(shape[axis.dimension()], level.chunk(axis));
        }
        return count;
    }

    /** The highest level above {@code base} with enough chunks for the threads; at least {@code base + 1}. */
    private int topOfPass(int base, int timePoints, int threads) {
        int top = base + 1;
        while (top + 1 < levels.count()
                && chunkCount(levels.level(top + 1), timePoints) >= (long) CHUNKS_PER_THREAD * threads) {
            top++;
        }
        return top;
    }

    private void buildPass(String imagePath, int base, int top, int timePoints, ExecutorService workers, int threads,
                           AtomicLong done, long total) throws IOException {
        Pass pass = new Pass(imagePath, base, top, timePoints, done, total);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(workers.submit(() -> {
                pass.work();
                return null;
            }));
        }
        IOException failure = null;
        for (Future<?> worker : running) {
            try {
                waitThroughInterrupts(worker);
            } catch (ExecutionException e) {
                IOException cause = e.getCause() instanceof IOException ? (IOException) e.getCause()
                        : new IOException(e.getCause().toString(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
        }
        for (int level = base + 1; level <= top; level++) {
            try {
                pass.array(level).chunkSink().close(); // completes shards whose chunks were not all written
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Waits for a worker even if this thread is interrupted (a user pressing Stop while the
     * acquisition finishes): the levels must be complete or failed, never half-written. The
     * interrupt is restored for the caller.
     */
    private static void waitThroughInterrupts(Future<?> worker) throws ExecutionException {
        boolean interrupted = false;
        while (true) {
            try {
                worker.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass's levels, shared by the workers: each takes the next top-level chunk index. */
    private final class Pass {
        private final int base;
        private final int top;
        private final String basePath;
        /** The layouts of levels {@code base} to {@code top}, by {@code level - base}. */
        private final ArrayLayout[] layoutOf;
        /** The arrays of levels {@code base + 1} to {@code top}, by {@code level - base} (none at 0). */
        private final ZarrArray[] arrays;
        private final AtomicLong done;
        private final long total;
        private final int[] topChunks = new int[5];
        private final long count;
        private final AtomicLong next = new AtomicLong();
        private volatile boolean failed;

        Pass(String imagePath, int base, int top, int timePoints, AtomicLong done, long total) throws IOException {
            this.base = base;
            this.top = top;
            this.basePath = ZarrLayout.join(imagePath, Integer.toString(base));
            this.done = done;
            this.total = total;
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

        ZarrArray array(int level) {
            return arrays[level - base];
        }

        /** Reduces top-level chunks, and what lies below them, until none is left or a worker failed. */
        void work() throws IOException {
            Worker worker = new Worker(this, ZarrReader.open(store, basePath));
            for (long i = next.getAndIncrement(); i < count && !failed; i = next.getAndIncrement()) {
                int[] index = new int[5];
                long rest = i;
                for (int d = 4; d >= 0; d--) {
                    index[d] = (int) (rest % topChunks[d]);
                    rest /= topChunks[d];
                }
                try {
                    worker.make(top, index, worker.topChunk);
                } catch (IOException | RuntimeException e) {
                    failed = true;
                    throw new IOException("cannot build pyramid levels " + (base + 1) + " to " + top + " under chunk "
                            + array(top).chunkSink().describe(index) + " of " + store.describe() + " from " + basePath
                            + ": " + e.getMessage(), e);
                }
            }
        }
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

    /** One worker's reader and buffers, reused for every chunk it makes. */
    private final class Worker {
        private final Pass pass;
        private final ZarrReader reader;
        /** The top level's output chunk. */
        final PixelBuffer topChunk;
        /** For each level of the pass below the top (by {@code level - base}): its 2 × 2 chunk buffers, made when first needed. */
        private final PixelBuffer[][][] below;
        /** For each level above the base (by {@code level - base - 1}): which of the 2 × 2 inputs were written ({@code null} where never). */
        private final ByteBuffer[][][] inputs;
        private final ChunkReducer reducer;

        Worker(Pass pass, ZarrReader reader) {
            this.pass = pass;
            this.reader = reader;
            int depth = pass.top - pass.base;
            topChunk = new PixelBuffer(Math.toIntExact(pass.layoutOf[depth].chunkBytes()), onHeap);
            below = new PixelBuffer[depth][2][2];
            inputs = new ByteBuffer[depth][2][2];
            int widest = 0;
            for (ArrayLayout level : pass.layoutOf) {
                widest = Math.max(widest, level.chunk(Axis.X));
            }
            reducer = new ChunkReducer(PlaneReducer.of(levels.downsampling(), levels.fullResolution().pixelType()),
                    bytesPerSample, widest);
        }

        /** The buffer for the input {@code (ty, tx)} of a chunk of level {@code level + 1}. */
        private PixelBuffer buffer(int level, int ty, int tx) {
            PixelBuffer[][] chunks = below[level - pass.base];
            if (chunks[ty][tx] == null) {
                chunks[ty][tx] = new PixelBuffer(Math.toIntExact(pass.layoutOf[level - pass.base].chunkBytes()), onHeap);
            }
            return chunks[ty][tx];
        }

        /**
         * Makes chunk {@code index} of {@code level} in {@code target}: reads it at the base, else
         * makes its inputs, reduces them and writes the chunk.
         *
         * @return false if the chunk was never written (and is not)
         */
        boolean make(int level, int[] index, PixelBuffer target) throws IOException {
            if (level == pass.base) {
                return reader.readChunk(index[0], index[1], index[2], index[3], index[4], target.bytes());
            }
            ArrayLayout input = pass.layoutOf[level - 1 - pass.base];
            ArrayLayout output = pass.layoutOf[level - pass.base];
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
            ByteBuffer[][] sources = inputs[level - pass.base - 1];
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
            progress.chunksDone(pass.done.incrementAndGet(), pass.total);
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
}
