package org.zarrscope.pyramid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.zarrscope.Axis;
import org.zarrscope.WriterSettings;
import org.zarrscope.chunk.ChunkEncoder;
import org.zarrscope.chunk.ChunkGrid;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ZarrArray;
import org.zarrscope.zarr.ZarrLayout;
import org.zarrscope.zarr.ZarrReader;

/**
 * Builds the reduced levels of an image after the run, from the full-resolution array on disk:
 * level {@code n+1} from level {@code n}, one output chunk at a time, on the writer's thread
 * count. Each level is read chunk-aligned with {@link ZarrReader} and written through the same
 * {@link ZarrLayout}, chunk sink and codec as level 0, so it is a Zarr array like any other.
 *
 * <p>Memory stays bounded whatever the size of the run: each of the {@code writerThreads}
 * workers holds at most the 4 (or fewer) input chunks whose 2×2 blocks make its output chunk,
 * that output chunk and two rows of scratch; there is no queue of work, the workers take the next
 * output chunk index from a shared counter. Output chunks are taken in order (t outermost), so
 * shards complete one after the other.
 *
 * <p>An output chunk all of whose inputs were never written (frames not acquired) is not
 * written either, exactly as the {@link StreamingPyramid} never writes it.
 */
public final class PyramidBuilder {
    /** Told after every output chunk, from the builder's threads; must be thread-safe and quick. */
    public interface Progress {
        void chunksDone(long done, long total);
    }

    private final WriterSettings settings;
    private final ZarrLayout layout;
    private final Store store;
    private final List<String> imagePaths;
    private final PyramidLevels levels;
    private final ChunkEncoder encoder;
    private final Progress progress;
    private final int bytesPerSample;

    /**
     * @param imagePaths the image groups (one per stage position) holding the arrays {@code 0},
     *     {@code 1}, ... ({@code ""} for an image at the dataset root)
     * @param encoder    compresses and writes the level chunks (the writer's codec)
     */
    public PyramidBuilder(WriterSettings settings, ZarrLayout layout, Store store, List<String> imagePaths,
                          ChunkEncoder encoder, Progress progress) {
        this.settings = settings;
        this.layout = layout;
        this.store = store;
        this.imagePaths = imagePaths;
        this.levels = PyramidLevels.of(settings);
        this.encoder = encoder;
        this.progress = progress;
        this.bytesPerSample = settings.pixelType().bytesPerSample();
    }

    /**
     * Writes levels 1 to {@code count − 1} of every image from the level 0 on disk, whose time
     * extent is {@code timePoints}. Each level's array metadata is written before its chunks and
     * its shards are completed before the next level reads it.
     *
     * @throws IOException naming the array and chunk that could not be read or written
     */
    public void build(int timePoints) throws IOException {
        if (levels.count() < 2) {
            return;
        }
        long total = 0;
        for (int level = 1; level < levels.count(); level++) {
            total += chunkCount(settings.reducedLevel(level), timePoints) * imagePaths.size();
        }
        AtomicLong done = new AtomicLong();
        progress.chunksDone(0, total);
        int threads = settings.writerThreads();
        AtomicInteger number = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "zarrscope-pyramid-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (String imagePath : imagePaths) {
                for (int level = 1; level < levels.count(); level++) {
                    buildLevel(imagePath, level, timePoints, workers, threads, done, total);
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private static long chunkCount(WriterSettings level, int timePoints) {
        int[] shape = level.arrayShape(timePoints);
        long count = 1;
        for (Axis axis : Axis.values()) {
            count *= ChunkGrid.ceilDiv(shape[axis.dimension()], level.chunk(axis));
        }
        return count;
    }

    private void buildLevel(String imagePath, int level, int timePoints, ExecutorService workers, int threads,
                            AtomicLong done, long total) throws IOException {
        WriterSettings output = settings.reducedLevel(level);
        ZarrArray array = layout.array(output, ZarrLayout.join(imagePath, Integer.toString(level)));
        array.writeArray(timePoints);
        LevelTask task = new LevelTask(settings.reducedLevel(level - 1), output, array, timePoints,
                ZarrLayout.join(imagePath, Integer.toString(level - 1)), done, total);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(workers.submit(() -> {
                task.work();
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
        try {
            array.chunkSink().close(); // completes shards whose chunks were not all written
        } catch (IOException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Waits for a worker even if this thread is interrupted (a user pressing Stop while the
     * acquisition finishes): the level must be complete or failed, never half-written. The
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

    /** One level's output chunks, shared by the workers: each takes the next chunk index. */
    private final class LevelTask {
        private final WriterSettings input;
        private final WriterSettings output;
        private final ZarrArray array;
        private final String inputPath;
        private final AtomicLong done;
        private final long total;
        private final int[] outputChunks = new int[5];
        private final long count;
        private final AtomicLong next = new AtomicLong();
        private volatile boolean failed;

        LevelTask(WriterSettings input, WriterSettings output, ZarrArray array, int timePoints, String inputPath,
                  AtomicLong done, long total) {
            this.input = input;
            this.output = output;
            this.array = array;
            this.inputPath = inputPath;
            this.done = done;
            this.total = total;
            int[] shape = output.arrayShape(timePoints);
            long chunks = 1;
            for (Axis axis : Axis.values()) {
                outputChunks[axis.dimension()] = ChunkGrid.ceilDiv(shape[axis.dimension()], output.chunk(axis));
                chunks *= outputChunks[axis.dimension()];
            }
            this.count = chunks;
        }

        /** Reduces output chunks until none is left or a worker failed. */
        void work() throws IOException {
            Worker worker = new Worker(ZarrReader.open(store, inputPath));
            int[] index = new int[5];
            for (long i = next.getAndIncrement(); i < count && !failed; i = next.getAndIncrement()) {
                long rest = i;
                for (int d = 4; d >= 0; d--) {
                    index[d] = (int) (rest % outputChunks[d]);
                    rest /= outputChunks[d];
                }
                try {
                    worker.reduce(index.clone());
                } catch (IOException | RuntimeException e) {
                    failed = true;
                    throw new IOException("cannot build pyramid chunk " + array.chunkSink().describe(index) + " of "
                            + store.describe() + " from " + inputPath + ": " + e.getMessage(), e);
                }
                progress.chunksDone(done.incrementAndGet(), total);
            }
        }

        /** One worker's reader and buffers, reused for every chunk it reduces. */
        private final class Worker {
            private final ZarrReader reader;
            private final PlaneReducer reducer = PlaneReducer.of(settings.downsampling(), settings.pixelType());
            private final int inputChunkY = input.chunk(Axis.Y);
            private final int inputChunkX = input.chunk(Axis.X);
            private final int outputChunkY = output.chunk(Axis.Y);
            private final int outputChunkX = output.chunk(Axis.X);
            private final int planesPerChunk = output.chunk(Axis.TIME) * output.chunk(Axis.CHANNEL)
                    * output.chunk(Axis.Z);
            private final int chunkBytes = Math.toIntExact(output.chunkBytes());
            private final PixelBuffer chunk = new PixelBuffer(chunkBytes);
            private final ByteBuffer chunkBytesView = chunk.bytes();
            private final ByteBuffer upper;
            private final ByteBuffer lower;
            /** The input chunks of one output chunk: at most 2 × 2, {@code null} where never written. */
            private final ByteBuffer[][] inputs = new ByteBuffer[2][2];
            /**
             * Whether no 2×2 block straddles two input chunks (even chunk extents, or one chunk
             * across the level): then each input chunk is reduced in place into its part of the
             * output chunk; otherwise rows are first assembled across chunks.
             */
            private final boolean blocksWithinChunks = (inputChunkY % 2 == 0 || input.height() <= inputChunkY)
                    && (inputChunkX % 2 == 0 || input.width() <= inputChunkX);

            Worker(ZarrReader reader) {
                this.reader = reader;
                int rowBytes = 2 * outputChunkX * bytesPerSample;
                upper = ByteBuffer.allocateDirect(rowBytes).order(ByteOrder.LITTLE_ENDIAN);
                lower = ByteBuffer.allocateDirect(rowBytes).order(ByteOrder.LITTLE_ENDIAN);
            }

            void reduce(int[] index) throws IOException {
                // the level-n rows and columns whose 2x2 blocks make this chunk, and the chunks holding them
                int y0 = 2 * index[3] * outputChunkY;
                int y1 = Math.min(y0 + 2 * outputChunkY, input.height());
                int x0 = 2 * index[4] * outputChunkX;
                int x1 = Math.min(x0 + 2 * outputChunkX, input.width());
                int firstTileY = y0 / inputChunkY;
                int firstTileX = x0 / inputChunkX;
                int tilesY = (y1 - 1) / inputChunkY - firstTileY + 1;
                int tilesX = (x1 - 1) / inputChunkX - firstTileX + 1;
                int read = 0;
                for (int ty = 0; ty < 2; ty++) {
                    for (int tx = 0; tx < 2; tx++) {
                        inputs[ty][tx] = ty < tilesY && tx < tilesX
                                ? reader.readChunk(index[0], index[1], index[2], firstTileY + ty, firstTileX + tx) : null;
                        read += inputs[ty][tx] != null ? 1 : 0;
                    }
                }
                if (read == 0) {
                    return;
                }
                int rows = Math.min(outputChunkY, output.height() - index[3] * outputChunkY);
                int width = x1 - x0;
                if (rows < outputChunkY || PlaneReducer.reducedSize(width) < outputChunkX || read < tilesY * tilesX) {
                    chunk.clear(chunkBytes); // y/x padding, and what missing chunks cover, is the fill value
                }
                if (blocksWithinChunks) {
                    reduceChunkByChunk(y0, y1, x0, x1, firstTileY, firstTileX, tilesY, tilesX);
                } else {
                    reduceRowByRow(y0, y1, x0, x1, firstTileY, firstTileX, rows);
                }
                encoder.write(array.chunkSink(), index, chunk.bytes());
            }

            /** Reduces each input chunk's part of the region straight into its part of the output chunk. */
            private void reduceChunkByChunk(int y0, int y1, int x0, int x1, int firstTileY, int firstTileX, int tilesY,
                                            int tilesX) {
                for (int ty = 0; ty < tilesY; ty++) {
                    for (int tx = 0; tx < tilesX; tx++) {
                        ByteBuffer source = inputs[ty][tx];
                        if (source == null) {
                            continue;
                        }
                        int tileY = (firstTileY + ty) * inputChunkY;
                        int tileX = (firstTileX + tx) * inputChunkX;
                        int fromY = Math.max(y0, tileY);
                        int fromX = Math.max(x0, tileX);
                        int height = Math.min(y1, tileY + inputChunkY) - fromY;
                        int width = Math.min(x1, tileX + inputChunkX) - fromX;
                        for (int plane = 0; plane < planesPerChunk; plane++) {
                            int sourceOffset = ((plane * inputChunkY + fromY - tileY) * inputChunkX + fromX - tileX)
                                    * bytesPerSample;
                            int targetOffset = ((plane * outputChunkY + (fromY - y0) / 2) * outputChunkX + (fromX - x0) / 2)
                                    * bytesPerSample;
                            reducer.reducePlane(source, sourceOffset, inputChunkX * bytesPerSample, height, width,
                                    chunkBytesView, targetOffset, outputChunkX * bytesPerSample);
                        }
                    }
                }
            }

            /** Assembles each row pair across the input chunks first: blocks straddle chunks of odd extent. */
            private void reduceRowByRow(int y0, int y1, int x0, int x1, int firstTileY, int firstTileX, int rows) {
                int width = x1 - x0;
                int outputRowBytes = outputChunkX * bytesPerSample;
                for (int plane = 0; plane < planesPerChunk; plane++) {
                    for (int row = 0; row < rows; row++) {
                        int y = y0 + 2 * row;
                        boolean lowerExists = y + 1 < y1;
                        fillRow(upper, plane, y, x0, x1, firstTileY, firstTileX);
                        if (lowerExists) {
                            fillRow(lower, plane, y + 1, x0, x1, firstTileY, firstTileX);
                        }
                        reducer.reduceRows(upper, 0, lowerExists ? lower : null, 0, width, chunkBytesView,
                                (plane * outputChunkY + row) * outputRowBytes);
                    }
                }
            }

            /** Copies row {@code y}, columns {@code x0} to {@code x1}, of one plane of the input chunks into {@code row}. */
            private void fillRow(ByteBuffer row, int plane, int y, int x0, int x1, int firstTileY, int firstTileX) {
                int tileY = y / inputChunkY - firstTileY;
                int rowInChunk = y % inputChunkY;
                for (int tx = 0; firstTileX + tx <= (x1 - 1) / inputChunkX; tx++) {
                    int tileStart = (firstTileX + tx) * inputChunkX;
                    int from = Math.max(x0, tileStart);
                    int to = Math.min(x1, tileStart + inputChunkX);
                    int length = (to - from) * bytesPerSample;
                    row.limit((to - x0) * bytesPerSample).position((from - x0) * bytesPerSample);
                    ByteBuffer source = inputs[tileY][tx];
                    if (source == null) {
                        while (row.hasRemaining()) {
                            row.put((byte) 0); // a chunk never written reads as the fill value
                        }
                    } else {
                        int offset = ((plane * inputChunkY + rowInChunk) * inputChunkX + from - tileStart) * bytesPerSample;
                        source.limit(offset + length).position(offset);
                        row.put(source);
                        source.clear();
                    }
                }
                row.clear();
            }
        }
    }

}
