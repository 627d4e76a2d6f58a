package org.zarrscope.zarr;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completes a sink's full shards off the writer threads when the store's commit waits for a disk
 * ({@link org.zarrscope.store.Store#commitWaitsForADisk}). Completing a shard (its index written,
 * the file forced to the disk, renamed into place) then takes 70–120 ms for a shard of 130 MB on
 * the test machine's disk, time in which a writer thread would otherwise compress and write the
 * next frame's chunks (docs/benchmarks.md). One thread does it, in the order the shards filled;
 * it is started when a shard is full and ends a second after the last. Where nothing waits for a
 * disk (a store in memory, or not durable) the writer thread completes the shard itself: handing
 * a rename to another thread measured slower there.
 *
 * <p>A completion that fails is kept and thrown to the writer thread at its next chunk for the
 * sink, and at {@link #awaitAll}, so the run fails as it did when the writer thread completed the
 * shard itself; the shard stays a hidden partial file with its journal, for {@code recover}.
 */
final class ShardCompletions {
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What completes one shard. */
    interface Completion {
        void run() throws IOException;
    }

    /** The completion thread; {@code null} when the writer threads complete shards themselves. */
    private final ThreadPoolExecutor thread;
    private volatile boolean used;
    /** The first failure; read without a lock, since every chunk written checks it. */
    private volatile IOException failure;

    /** @param offTheWriterThreads whether shards are completed on a thread of their own */
    ShardCompletions(boolean offTheWriterThreads) {
        thread = !offTheWriterThreads ? null : new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread completing = new Thread(runnable, "zarrscope-shard-completion-" + THREADS.incrementAndGet());
                    completing.setDaemon(true);
                    return completing;
                });
    }

    /**
     * Completes a shard: on the completion thread, after the shards handed over before it; or
     * right here, throwing its failure, when shards are completed on the writer threads.
     */
    void submit(Completion completion) throws IOException {
        if (thread == null) {
            completion.run();
            return;
        }
        used = true;
        thread.execute(() -> {
            try {
                completion.run();
            } catch (IOException | RuntimeException e) {
                recordFailure(e);
            }
        });
    }

    /** Throws the first completion that failed, if one has: the writer stops writing to this array. */
    void throwIfFailed() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
    }

    /**
     * Waits until every shard handed over is complete, then throws the first completion that
     * failed. Waits through interrupts, as the writer's finishing does (a shard left half
     * completed would miss the run's last forces); the caller's flag is set again afterwards.
     */
    void awaitAll() throws IOException {
        if (!used) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        thread.execute(done::countDown);
        boolean interrupted = false;
        while (done.getCount() > 0) {
            try {
                done.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throwIfFailed();
    }

    private synchronized void recordFailure(Exception e) {
        IOException asIo = e instanceof IOException ? (IOException) e : new IOException(e.toString(), e);
        if (failure == null) {
            failure = asIo;
        } else {
            failure.addSuppressed(asIo);
        }
    }
}
