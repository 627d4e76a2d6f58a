package org.zarrscope.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.stats.PipelineCounters;
import org.zarrscope.zarr.ChunkSink;

/**
 * Compresses a complete chunk and hands it to a {@link ChunkSink}, on the calling thread: each
 * thread gets its own codec context and output buffer, made on its first chunk and kept for the
 * life of the thread. Shared by the {@link ChunkWriterPool} and the pyramid builder, so every
 * array of a dataset is encoded the same way.
 */
public final class ChunkEncoder {
    private final boolean uncompressed;
    private final ThreadLocal<WorkerState> workerState;
    private final PipelineCounters counters;

    /** @param codecBufferBytes the codec's largest output for one chunk */
    public ChunkEncoder(CodecSpec codec, int typeSize, int codecBufferBytes, PipelineCounters counters) {
        this.uncompressed = !codec.compresses();
        this.counters = counters;
        this.workerState = ThreadLocal.withInitial(() -> new WorkerState(codec.newCodec(typeSize), codecBufferBytes));
    }

    /**
     * Compresses {@code raw} (position to limit, which is moved) and writes it to {@code sink}
     * as the chunk {@code chunkIndex}.
     */
    public void write(ChunkSink sink, int[] chunkIndex, ByteBuffer raw) throws IOException {
        write(sink, chunkIndex, raw, counters);
    }

    /** As {@link #write(ChunkSink, int[], ByteBuffer)}, counting the chunk in {@code counters}. */
    public void write(ChunkSink sink, int[] chunkIndex, ByteBuffer raw, PipelineCounters counters) throws IOException {
        int rawBytes = raw.remaining();
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
    }

    /** One thread's reusable codec context and output buffer. */
    private static final class WorkerState {
        final Codec codec;
        final ByteBuffer output;

        WorkerState(Codec codec, int outputBytes) {
            this.codec = codec;
            this.output = ByteBuffer.allocateDirect(Math.max(1, outputBytes));
        }
    }
}
