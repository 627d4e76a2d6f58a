package org.zarrscope.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.memory.BufferPool;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.stats.PipelineCounters;
import org.zarrscope.zarr.ChunkSink;

/**
 * The threads that compress complete chunks and hand them to the {@link ChunkSink}, in parallel. Each thread
 * owns its codec context and output buffer for the life of the writer. The queue needs no bound of
 * its own: every queued chunk holds a buffer of the bounded {@link BufferPool}, so the pool's size
 * bounds the queue.
 */
public final class ChunkWriterPool {
    private final ThreadPoolExecutor executor;
    private final ThreadLocal<WorkerState> workerState;
    private final boolean uncompressed;
    private final String dataset;
    private final BufferPool pool;
    private final PipelineCounters counters;
    private final FailureLatch failure;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param dataset where the chunks go, named in error messages (the dataset folder) */
    public ChunkWriterPool(int threads, CodecSpec codec, int typeSize, int codecBufferBytes,
                           String dataset, BufferPool pool, PipelineCounters counters, FailureLatch failure) {
        this.uncompressed = codec.kind() == CodecSpec.Kind.NONE;
        this.dataset = dataset;
        this.pool = pool;
        this.counters = counters;
        this.failure = failure;
        this.workerState = ThreadLocal.withInitial(() -> new WorkerState(codec.newCodec(typeSize), codecBufferBytes));
        AtomicInteger number = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "zarrscope-chunk-writer-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Queues a chunk for compression and writing; the buffer returns to the pool afterwards.
     *
     * @param sink       the array the chunk belongs to (a position's image, a pyramid level)
     * @param chunkIndex the chunk's indices along t, c, z, y, x
     * @param frameTiles frame tiles the chunk holds, for the frames-written count
     */
    public void submit(ChunkSink sink, int[] chunkIndex, PixelBuffer chunk, int rawBytes, int frameTiles) {
        int queued = inFlight.incrementAndGet();
        PipelineCounters.raise(counters.writerQueueHighWater, queued);
        executor.execute(() -> write(sink, chunkIndex, chunk, rawBytes, frameTiles));
    }

    private void write(ChunkSink sink, int[] chunkIndex, PixelBuffer chunk, int rawBytes, int frameTiles) {
        try {
            if (failure.hasFailed()) {
                return;
            }
            ByteBuffer raw = chunk.bytes();
            raw.limit(rawBytes);
            ByteBuffer stored = raw;
            if (!uncompressed) {
                long start = System.nanoTime();
                WorkerState state = workerState.get();
                ByteBuffer target = state.output;
                target.clear();
                state.codec.compress(raw, target);
                target.flip();
                stored = target;
                counters.compressNanos.add(System.nanoTime() - start);
            }
            long start = System.nanoTime();
            int storedBytes = stored.remaining();
            sink.write(chunkIndex, stored);
            counters.storeNanos.add(System.nanoTime() - start);
            counters.bytesRaw.add(rawBytes);
            counters.bytesStored.add(storedBytes);
            counters.chunksWritten.increment();
            counters.frameTilesWritten.add(frameTiles);
        } catch (IOException | RuntimeException e) {
            failure.fail("cannot write chunk " + sink.describe(chunkIndex) + " of " + dataset + ": " + e.getMessage(), e);
        } finally {
            pool.release(chunk);
            inFlight.decrementAndGet();
        }
    }

    /** Chunks queued or being written. */
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

    /** One writer thread's reusable codec context and output buffer. */
    private static final class WorkerState {
        final Codec codec;
        final ByteBuffer output;

        WorkerState(Codec codec, int outputBytes) {
            this.codec = codec;
            this.output = ByteBuffer.allocateDirect(Math.max(1, outputBytes));
        }
    }
}
