package org.zarrscope.pyramid;

import java.io.IOException;
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
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ArrayLayout;
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
        long total = chunksToMake(timePoints);
        AtomicLong done = new AtomicLong();
        progress.chunksDone(0, total);
        Runnable chunkDone = () -> progress.chunksDone(done.incrementAndGet(), total);
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
                    buildPass(imagePath, base, top, timePoints, workers, threads, chunkDone);
                    base = top;
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** The output chunks of levels 1 and above of every image, made or found never written. */
    private long chunksToMake(int timePoints) {
        long total = 0;
        for (int level = 1; level < levels.count(); level++) {
            total += chunkCount(levels.level(level), timePoints) * imagePaths.size();
        }
        return total;
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
                           Runnable chunkDone) throws IOException {
        PyramidPass pass = new PyramidPass(levels, layout, store, imagePath, base, top, timePoints);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(workers.submit(() -> {
                worker(pass, chunkDone).work();
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

    /** A worker of {@code pass} with its own reader of the base, buffers and reducer. */
    private PassWorker worker(PyramidPass pass, Runnable chunkDone) throws IOException {
        ZarrReader reader = pass.openBase();
        ChunkReducer reducer = new ChunkReducer(
                PlaneReducer.of(levels.downsampling(), levels.fullResolution().pixelType()), bytesPerSample,
                pass.widestChunk());
        return new PassWorker(pass, reader, reducer, encoder, onHeap, chunkDone);
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
}
