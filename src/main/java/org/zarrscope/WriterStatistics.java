package org.zarrscope;

import java.util.Locale;
import org.zarrscope.stats.PipelineCounters;

/**
 * A snapshot of a writer's counters: what went in, what reached the disk, how well it
 * compressed, and where time went. Throughputs are over the time since the writer opened.
 */
public final class WriterStatistics {
    private final long framesAccepted;
    private final long framesWritten;
    private final long chunksWritten;
    private final long bytesRaw;
    private final long bytesStored;
    private final long blockedNanos;
    private final long ringHighWater;
    private final int ringSlots;
    private final long writerQueueHighWater;
    private final long ingestNanos;
    private final long assemblyNanos;
    private final long compressNanos;
    private final long storeNanos;
    private final long metadataUpdates;
    private final long elapsedNanos;
    private final long plannedMemoryBytes;
    private final long pyramidNanos;
    private final long pyramidChunksDone;
    private final long pyramidChunksTotal;

    WriterStatistics(PipelineCounters counters, int tilesPerFrame, int ringSlots, long elapsedNanos,
                     long plannedMemoryBytes) {
        framesAccepted = counters.framesAccepted.sum();
        framesWritten = counters.frameTilesWritten.sum() / tilesPerFrame;
        chunksWritten = counters.chunksWritten.sum();
        bytesRaw = counters.bytesRaw.sum();
        bytesStored = counters.bytesStored.sum();
        blockedNanos = counters.blockedNanos.sum();
        ringHighWater = counters.ringHighWater.get();
        this.ringSlots = ringSlots;
        writerQueueHighWater = counters.writerQueueHighWater.get();
        ingestNanos = counters.ingestNanos.sum();
        assemblyNanos = counters.assemblyNanos.sum();
        compressNanos = counters.compressNanos.sum();
        storeNanos = counters.storeNanos.sum();
        metadataUpdates = counters.metadataUpdates.sum();
        this.elapsedNanos = elapsedNanos;
        this.plannedMemoryBytes = plannedMemoryBytes;
        pyramidNanos = counters.pyramidNanos.sum();
        pyramidChunksDone = counters.pyramidChunksDone.get();
        pyramidChunksTotal = counters.pyramidChunksTotal.get();
    }

    /** Time the streaming pyramid spent reducing frames to every level (on its own thread). */
    public long pyramidNanos() { return pyramidNanos; }

    /** Pyramid chunks built after the run so far (while {@code finish()} builds the levels). */
    public long pyramidChunksDone() { return pyramidChunksDone; }

    /** Pyramid chunks to build after the run in all; 0 until building starts, or without one. */
    public long pyramidChunksTotal() { return pyramidChunksTotal; }

    /** Frames {@code write} accepted. */
    public long framesAccepted() { return framesAccepted; }

    /** Frames whose every chunk is stored (a frame in a partly filled chunk is not yet written). */
    public long framesWritten() { return framesWritten; }

    public long chunksWritten() { return chunksWritten; }

    /** Uncompressed bytes of the chunks written (including fill in partial chunks). */
    public long bytesRaw() { return bytesRaw; }

    /** Bytes stored after compression. */
    public long bytesStored() { return bytesStored; }

    /** Raw over stored bytes; 1 when nothing is written yet. */
    public double compressionRatio() { return bytesStored == 0 ? 1.0 : (double) bytesRaw / bytesStored; }

    /** Time {@code write} spent waiting for memory (back-pressure). */
    public long blockedNanos() { return blockedNanos; }

    /** Most frames waiting in the ring at once, of {@link #ringSlots()}. */
    public long ringHighWater() { return ringHighWater; }

    public int ringSlots() { return ringSlots; }

    /** Most chunks waiting for a writer thread at once. */
    public long writerQueueHighWater() { return writerQueueHighWater; }

    /** Time spent copying frames into the ring (in {@code write}). */
    public long ingestNanos() { return ingestNanos; }

    /** Time spent placing frames into chunks. */
    public long assemblyNanos() { return assemblyNanos; }

    /** Time spent compressing, summed over writer threads. */
    public long compressNanos() { return compressNanos; }

    /** Time spent writing chunks to the store, summed over writer threads. */
    public long storeNanos() { return storeNanos; }

    /** Times the array metadata was rewritten because the time axis grew. */
    public long metadataUpdates() { return metadataUpdates; }

    public long elapsedNanos() { return elapsedNanos; }

    /** The most memory the writer's plan allows it to take. */
    public long plannedMemoryBytes() { return plannedMemoryBytes; }

    public double framesPerSecond() { return elapsedNanos == 0 ? 0 : framesWritten * 1e9 / elapsedNanos; }

    /** Uncompressed MB/s (10^6 bytes) written. */
    public double rawMegabytesPerSecond() { return elapsedNanos == 0 ? 0 : bytesRaw * 1e3 / elapsedNanos; }

    @Override
    public String toString() {
        double perFrame = Math.max(1, framesAccepted);
        double perChunk = Math.max(1, chunksWritten);
        return String.format(Locale.ROOT,
                "frames: %d accepted, %d written in %d chunks%n"
                        + "throughput: %.1f frames/s, %.1f MB/s raw, compression ratio %.2f (%d -> %d bytes)%n"
                        + "back-pressure: blocked %.3f s; ring high-water %d of %d slots; writer queue high-water %d%n"
                        + "per stage: ingest %.1f us/frame, assembly %.1f us/frame, compress %.1f us/chunk, store %.1f us/chunk",
                framesAccepted, framesWritten, chunksWritten,
                framesPerSecond(), rawMegabytesPerSecond(), compressionRatio(), bytesRaw, bytesStored,
                blockedNanos / 1e9, ringHighWater, ringSlots, writerQueueHighWater,
                ingestNanos / perFrame / 1e3, assemblyNanos / perFrame / 1e3,
                compressNanos / perChunk / 1e3, storeNanos / perChunk / 1e3);
    }
}
