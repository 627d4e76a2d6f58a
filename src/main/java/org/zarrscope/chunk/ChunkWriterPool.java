package org.zarrscope.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.ingest.FailureLatch;
import org.zarrscope.memory.BufferPool;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.stats.PipelineCounters;
import org.zarrscope.zarr.ChunkSink;

/**
 * The threads that compress complete chunks and hand them to the {@link ChunkSink}, in parallel. Each thread
 * owns its codec context and output buffer for the life of the writer ({@link ChunkEncoder}).
 *
 * <p>A task is one chunk, or a run of a handed-over frame's tiles filled one after the other into
 * the same buffer ({@link #submitRun}). Every queued task holds a buffer of a bounded
 * {@link BufferPool}, and the queue is kept short on top of that (the memory plan's writer queue;
 * {@link #submit} waits beyond): a chunk is then compressed and written while the bytes just
 * gathered into it are still in the processor's cache, and frames wait in the ingest ring, by
 * reference, instead of as copies.
 */
public final class ChunkWriterPool {
    private final ThreadPoolExecutor executor;
    private final ChunkEncoder encoder;
    private final String dataset;
    private final PipelineCounters counters;
    /** Where written chunks and their bytes are counted: {@link #counters}, or a pyramid's own. */
    private final PipelineCounters chunkCounters;
    private final FailureLatch failure;
    private final AtomicInteger inFlight;
    private final Semaphore queueRoom;

    /** Fills a chunk's buffer on the writer thread, before it is compressed. */
    public interface ChunkFill {
        /** @param chunk which chunk of the task: an index into its chunk indices */
        void fill(PixelBuffer buffer, int chunk);
    }

    /** For a chunk whose buffer is filled already. */
    private static final ChunkFill FILLED = (buffer, chunk) -> { };

    /**
     * @param queuedTasks tasks (a chunk, or a run of tiles) queued or being written at once, beyond
     *                    which {@link #submit} waits (the memory plan's writer queue)
     * @param dataset     where the chunks go, named in error messages (the dataset folder)
     */
    public ChunkWriterPool(int threads, int queuedTasks, CodecSpec codec, int typeSize, int codecBufferBytes,
                           String dataset, PipelineCounters counters, FailureLatch failure) {
        this.encoder = new ChunkEncoder(codec, typeSize, codecBufferBytes, counters);
        this.dataset = dataset;
        this.counters = counters;
        this.chunkCounters = counters;
        this.failure = failure;
        this.inFlight = new AtomicInteger();
        this.queueRoom = new Semaphore(queuedTasks);
        AtomicInteger number = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "zarrscope-chunk-writer-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private ChunkWriterPool(ChunkWriterPool shared, PipelineCounters chunkCounters) {
        this.executor = shared.executor;
        this.encoder = shared.encoder;
        this.dataset = shared.dataset;
        this.counters = shared.counters;
        this.chunkCounters = chunkCounters;
        this.failure = shared.failure;
        this.inFlight = shared.inFlight;
        this.queueRoom = shared.queueRoom;
    }

    /**
     * The same threads and queue, counting the chunks written through it in {@code chunkCounters}
     * instead: a streaming pyramid's level chunks, kept apart from the camera's data as the
     * after-run pyramid's are.
     */
    public ChunkWriterPool countingChunksIn(PipelineCounters chunkCounters) {
        return new ChunkWriterPool(this, chunkCounters);
    }

    /**
     * Queues a chunk for compression and writing, waiting while the queue is full; the buffer
     * returns to its pool afterwards. Never called from a writer thread, which could wait for itself.
     *
     * @param sink       the array the chunk belongs to (a position's image, a pyramid level)
     * @param chunkIndex the chunk's indices along t, c, z, y, x
     * @param home       the pool the buffer came from (each pyramid level has its own chunk size)
     * @param frameTiles frame tiles the chunk holds, for the frames-written count
     */
    public void submit(ChunkSink sink, int[] chunkIndex, PixelBuffer chunk, BufferPool home, int rawBytes,
                       int frameTiles) {
        submitRun(sink, new int[][] {chunkIndex}, chunk, home, rawBytes, frameTiles, FILLED);
    }

    /**
     * Queues a run of chunks as one task: the writer thread fills each in turn into the same
     * buffer, compresses and writes it, then goes on to the next. Fewer, larger tasks cost the
     * threads less in hand-overs than a task per chunk. Waits while the queue is full; the buffer
     * returns to its pool after the last chunk. Never called from a writer thread.
     *
     * @param chunkIndices    each chunk's indices along t, c, z, y, x, in the order they are written
     * @param frameTilesEach  frame tiles each chunk holds, for the frames-written count
     * @param fill            run on the writer thread before each chunk is compressed: gathers it
     */
    public void submitRun(ChunkSink sink, int[][] chunkIndices, PixelBuffer buffer, BufferPool home, int rawBytes,
                          int frameTilesEach, ChunkFill fill) {
        queueRoom.acquireUninterruptibly(); // writers always empty the queue: the wait is short and certain
        int queued = inFlight.incrementAndGet();
        PipelineCounters.raise(counters.writerQueueHighWater, queued);
        try {
            executor.execute(() -> write(sink, chunkIndices, buffer, home, rawBytes, frameTilesEach, fill));
        } catch (RuntimeException refused) { // the pool was shut down: give back what the task held, so nothing waits for it
            done(buffer, home);
            throw refused;
        }
    }

    private void write(ChunkSink sink, int[][] chunkIndices, PixelBuffer buffer, BufferPool home, int rawBytes,
                       int frameTilesEach, ChunkFill fill) {
        int chunk = 0;
        try {
            for (; chunk < chunkIndices.length && !failure.hasFailed(); chunk++) {
                long start = System.nanoTime();
                fill.fill(buffer, chunk);
                counters.assemblyNanos.add(System.nanoTime() - start);
                ByteBuffer raw = buffer.bytes();
                raw.limit(rawBytes);
                encoder.write(sink, chunkIndices[chunk], raw, chunkCounters);
                counters.frameTilesWritten.add(frameTilesEach);
            }
        } catch (IOException | RuntimeException | Error e) { // an Error too: the run must fail, not lose the chunk quietly
            failure.fail("cannot write chunk " + sink.describe(chunkIndices[chunk]) + " of " + dataset + ": "
                    + e.getMessage(), e);
        } finally {
            done(buffer, home);
        }
    }

    private void done(PixelBuffer chunk, BufferPool home) {
        home.release(chunk);
        inFlight.decrementAndGet();
        queueRoom.release();
    }

    /** Tasks queued or being written. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Writes every queued chunk, then stops the threads. Waits through interrupts: giving up
     * would lose chunks already accepted.
     *
     * @return whether the calling thread was interrupted meanwhile (its flag is left cleared)
     */
    public boolean shutdownAndWait() {
        executor.shutdown();
        boolean interrupted = false;
        while (!executor.isTerminated()) {
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
