package org.zarrscope.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.pyramid.Downsampling;
import org.zarrscope.pyramid.PlaneReducer;
import org.zarrscope.pyramid.PyramidLevels;
import org.zarrscope.simulate.SimulatedCamera;

/**
 * A lower bound for {@code bench pyramid}: the work that any pyramid built after the run must
 * do, timed alone on the writer's threads. The stored level 0 is read back with plain large file
 * reads, then, in memory, every level-0 tile is decompressed once and every tile of the reduced
 * levels is compressed. Nothing is reduced and nothing is written, so a real builder needs more.
 * Its fraction of the write time is the least an after-run pyramid can take on this machine with
 * this codec, whatever the builder.
 */
final class PyramidFloor {
    private static final int BANK = 8;
    private static final int READ_BYTES = 16 << 20;

    private final CodecSpec codec;
    private final int threads;
    /** For each bank frame: its level-0 tiles compressed, and its reduced levels' tiles raw. */
    private final List<List<ByteBuffer>> compressedTiles = new ArrayList<>();
    private final List<List<PixelBuffer>> reducedTiles = new ArrayList<>();
    private final int tileBytes;

    PyramidFloor(CodecSpec codec, int threads, int width, int height, int tile, long seed) {
        this.codec = codec;
        this.threads = threads;
        this.tileBytes = tile * tile * 2;
        Codec context = codec.newCodec(2);
        boolean onHeap = context.readsWholeArrays();
        PyramidLevels levels = PyramidLevels.plan(width, height, tile, tile, PyramidLevels.AUTOMATIC);
        SimulatedCamera camera = new SimulatedCamera(width, height, PixelType.UINT16, seed);
        PlaneReducer mean = PlaneReducer.of(Downsampling.MEAN, PixelType.UINT16);
        for (int i = 0; i < BANK; i++) {
            ByteBuffer plane = littleEndian(width * height * 2);
            plane.asShortBuffer().put((short[]) camera.frame(FrameCoordinates.of(i, 0, 0)));
            List<ByteBuffer> compressed = new ArrayList<>();
            for (PixelBuffer raw : tiles(plane, width, height, tile, onHeap)) {
                ByteBuffer target = ByteBuffer.allocateDirect(context.maxCompressedLength(tileBytes));
                context.compress(raw.bytes(), target);
                target.flip();
                compressed.add(target);
            }
            compressedTiles.add(compressed);
            List<PixelBuffer> reduced = new ArrayList<>();
            int levelWidth = width;
            int levelHeight = height;
            for (int level = 1; level < levels.count(); level++) {
                ByteBuffer smaller = littleEndian(levels.width(level) * levels.height(level) * 2);
                mean.reducePlane(plane, 0, levelWidth * 2, levelHeight, levelWidth, smaller, 0, levels.width(level) * 2);
                plane = smaller;
                levelWidth = levels.width(level);
                levelHeight = levels.height(level);
                reduced.addAll(tiles(plane, levelWidth, levelHeight, tile, onHeap));
            }
            reducedTiles.add(reduced);
        }
    }

    /**
     * Seconds to read back the files of the stored level 0 in {@code levelZero}, plus the codec
     * work of {@code frames} frames, each spread over the threads.
     */
    double seconds(Path levelZero, int frames) throws IOException, InterruptedException {
        return readBackSeconds(levelZero) + codecSeconds(frames);
    }

    private double readBackSeconds(Path levelZero) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> paths = Files.walk(levelZero)) {
            files = paths.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<IOException> failed = new AtomicReference<>();
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BYTES);
                for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                    try (FileChannel channel = FileChannel.open(files.get(i), StandardOpenOption.READ)) {
                        buffer.clear();
                        while (channel.read(buffer) >= 0) {
                            buffer.clear();
                        }
                    } catch (IOException e) {
                        failed.set(e);
                    }
                }
            }, "bench-pyramid-read-" + t);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private double codecSeconds(int frames) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                Codec context = codec.newCodec(2);
                ByteBuffer raw = littleEndian(tileBytes);
                ByteBuffer compressed = ByteBuffer.allocateDirect(context.maxCompressedLength(tileBytes));
                for (int frame = next.getAndIncrement(); frame < frames; frame = next.getAndIncrement()) {
                    for (ByteBuffer tile : compressedTiles.get(frame % BANK)) {
                        raw.clear();
                        context.decompress(tile.duplicate(), raw);
                    }
                    for (PixelBuffer tile : reducedTiles.get(frame % BANK)) {
                        compressed.clear();
                        context.compress(tile.bytes(), compressed);
                    }
                }
            }, "bench-pyramid-floor-" + t);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The plane cut into full tiles, as Zarr stores them: edge tiles padded with zeros. */
    private static List<PixelBuffer> tiles(ByteBuffer plane, int width, int height, int tile, boolean onHeap) {
        List<PixelBuffer> tiles = new ArrayList<>();
        for (int y = 0; y < height; y += tile) {
            for (int x = 0; x < width; x += tile) {
                PixelBuffer buffer = new PixelBuffer(tile * tile * 2, onHeap);
                ByteBuffer target = buffer.bytes();
                int rowBytes = Math.min(tile, width - x) * 2;
                for (int row = 0; row < tile && y + row < height; row++) {
                    ByteBuffer source = plane.duplicate();
                    source.position(((y + row) * width + x) * 2).limit(((y + row) * width + x) * 2 + rowBytes);
                    target.position(row * tile * 2);
                    target.put(source);
                }
                tiles.add(buffer);
            }
        }
        return tiles;
    }

    private static ByteBuffer littleEndian(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
