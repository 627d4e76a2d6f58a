package org.zarrscope.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of one writer, updated by every stage without locks (LongAdder spreads
 * contention across threads). {@code WriterStatistics} is a snapshot of these.
 */
public final class PipelineCounters {
    public final LongAdder framesAccepted = new LongAdder();
    /** Frame tiles stored: a frame counts as written when all its tiles' chunks are on disk. */
    public final LongAdder frameTilesWritten = new LongAdder();
    public final LongAdder chunksWritten = new LongAdder();
    public final LongAdder bytesRaw = new LongAdder();
    public final LongAdder bytesStored = new LongAdder();
    public final LongAdder blockedNanos = new LongAdder();
    public final LongAdder ingestNanos = new LongAdder();
    public final LongAdder assemblyNanos = new LongAdder();
    public final LongAdder compressNanos = new LongAdder();
    public final LongAdder storeNanos = new LongAdder();
    public final LongAdder metadataUpdates = new LongAdder();
    /** Time the streaming pyramid spent reducing frames and placing them into level chunks. */
    public final LongAdder pyramidNanos = new LongAdder();
    public final AtomicLong ringHighWater = new AtomicLong();
    public final AtomicLong writerQueueHighWater = new AtomicLong();
    /** Pyramid chunks built after the run so far, and in all: the progress of {@code finish()}. */
    public final AtomicLong pyramidChunksDone = new AtomicLong();
    public final AtomicLong pyramidChunksTotal = new AtomicLong();

    /** Raises a high-water mark to {@code value} if it is higher. */
    public static void raise(AtomicLong mark, long value) {
        long current = mark.get();
        while (value > current && !mark.compareAndSet(current, value)) {
            current = mark.get();
        }
    }
}
