package org.zarrscope.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.memory.PixelBuffer;

/**
 * A baseline for {@code zarrscope bench}: the least a streaming writer must do per frame. The
 * camera thread copies each frame once into one of a few buffers (held as the writer holds its
 * chunks), and one thread per core compresses it with the codec and appends it to a file of its
 * own. No chunk assembly, metadata, statistics, atomic renames or shard indexes. What this
 * reaches of "cores × one codec thread" bounds what any writer that copies frames once can reach
 * on the machine; Zarrscope's throughput is reported against it too.
 */
final class MinimalPipeline {
    private static final int BUFFERS = 8;

    private final CodecSpec codec;
    private final int threads;
    private final Path folder;

    MinimalPipeline(CodecSpec codec, int threads, Path folder) {
        this.codec = codec;
        this.threads = threads;
        this.folder = folder;
    }

    /** MB/s of uncompressed frames through the pipeline, from the first copy to the last write. */
    double megabytesPerSecond(ByteBuffer[] bank, int frames) throws IOException, InterruptedException, ExecutionException {
        int frameBytes = bank[0].capacity();
        boolean onHeap = codec.newCodec(2).readsWholeArrays();
        BlockingQueue<PixelBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<PixelBuffer> full = new ArrayBlockingQueue<>(BUFFERS + threads);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new PixelBuffer(frameBytes, onHeap));
        }
        PixelBuffer end = new PixelBuffer(0, false);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int t = 0; t < threads; t++) {
                Path file = folder.resolve("minimal-pipeline-" + t + ".bin");
                workers.add(pool.submit(() -> compressAndAppend(file, frameBytes, free, full, end)));
            }
            for (int i = 0; i < frames; i++) {
                PixelBuffer buffer = nextFree(free, workers);
                buffer.put(bank[i % bank.length].duplicate(), 2);
                full.put(buffer);
            }
            for (int t = 0; t < threads; t++) {
                full.put(end);
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int t = 0; t < threads; t++) {
            Files.delete(folder.resolve("minimal-pipeline-" + t + ".bin"));
        }
        return frames * (double) frameBytes / seconds / 1e6;
    }

    /** The next free buffer; rethrows a worker's failure instead of waiting for a buffer that never returns. */
    private static PixelBuffer nextFree(BlockingQueue<PixelBuffer> free, List<Future<?>> workers)
            throws InterruptedException, ExecutionException {
        while (true) {
            PixelBuffer buffer = free.poll(100, TimeUnit.MILLISECONDS);
            if (buffer != null) {
                return buffer;
            }
            for (Future<?> worker : workers) {
                if (worker.isDone()) {
                    worker.get();
                }
            }
        }
    }

    private Void compressAndAppend(Path file, int frameBytes, BlockingQueue<PixelBuffer> free,
                                   BlockingQueue<PixelBuffer> full, PixelBuffer end)
            throws IOException, InterruptedException {
        Codec context = codec.newCodec(2);
        ByteBuffer compressed = ByteBuffer.allocateDirect(context.maxCompressedLength(frameBytes));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (PixelBuffer frame = full.take(); frame != end; frame = full.take()) {
                compressed.clear();
                context.compress(frame.bytes(), compressed);
                free.put(frame);
                compressed.flip();
                while (compressed.hasRemaining()) {
                    channel.write(compressed);
                }
            }
        }
        return null;
    }
}
