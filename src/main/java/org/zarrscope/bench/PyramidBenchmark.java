package org.zarrscope.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.PixelType;
import org.zarrscope.PyramidMode;
import org.zarrscope.WriterSettings;
import org.zarrscope.chunk.ChunkEncoder;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.plan.WriterPlan;
import org.zarrscope.pyramid.PyramidBuilder;
import org.zarrscope.simulate.SimulatedAcquisition;
import org.zarrscope.stats.PipelineCounters;
import org.zarrscope.store.FileSystemStore;

/**
 * {@code zarrscope bench pyramid}: what a pyramid costs, measured in one run on the same
 * simulated stream (uint16 frames in square tiles, Zarr v3 with automatic shards), each step
 * repeated and interleaved, medians reported:
 * <ol>
 *   <li>no pyramid: the acquisition from the first {@code write} to the end of {@code finish()}
 *       (the write time), and its {@code finish()} alone;</li>
 *   <li>the after-run pyramid built from that dataset on disk by {@link PyramidBuilder}, timed
 *       alone: its fraction of the write time is what finishing after the run adds; and its
 *       {@link PyramidFloor}, reading level 0 back and the codec work alone, as the least any
 *       builder could take;</li>
 *   <li>the same acquisition with {@link PyramidMode#AFTER}: its {@code finish()} (what the user
 *       waits for at the end);</li>
 *   <li>the same acquisition with {@link PyramidMode#STREAMING}: its frames/s against no pyramid
 *       (the throughput cost) and its {@code finish()}.</li>
 * </ol>
 */
final class PyramidBenchmark {
    private static final long SEED = 7;
    private static final int BANK = 8;

    private final Path folder;
    private final int frames;
    private final int width;
    private final int height;
    private final int tile;
    private final CodecSpec codec;
    private final int threads;
    private final long memoryBytes;
    private final PrintWriter out;

    PyramidBenchmark(Path folder, int frames, int width, int height, int tile, CodecSpec codec, int threads,
                     long memoryBytes, PrintWriter out) {
        this.folder = folder;
        this.frames = frames;
        this.width = width;
        this.height = height;
        this.tile = tile;
        this.codec = codec;
        this.threads = threads;
        this.memoryBytes = memoryBytes;
        this.out = out;
    }

    /** One acquisition: seconds from the first frame to the end of {@code finish()}, and of {@code finish()} alone. */
    private static final class Run {
        final double seconds;
        final double finishSeconds;

        Run(double seconds, double finishSeconds) {
            this.seconds = seconds;
            this.finishSeconds = finishSeconds;
        }
    }

    void run(int repeat) throws IOException, InterruptedException {
        WriterSettings probe = settings(folder.resolve("probe.ome.zarr"), PyramidMode.AFTER);
        int levels = probe.plan().levels().count();
        double gigabytes = (double) frames * probe.frameBytes() / (1L << 30);
        out.printf(Locale.ROOT, "bench pyramid: %d frames of %dx%d uint16 (%.2f GiB) in %dx%d tiles, %d levels, "
                + "%s, %d writer threads, %d repeats, in %s%n", frames, width, height, gigabytes, tile, tile, levels,
                codec, threads, repeat, folder);
        double[] none = new double[repeat];
        double[] noneFinish = new double[repeat];
        double[] build = new double[repeat];
        double[] afterFinish = new double[repeat];
        double[] streaming = new double[repeat];
        double[] streamingFinish = new double[repeat];
        double[] floor = new double[repeat];
        PyramidFloor unavoidable = new PyramidFloor(codec, threads, width, height, tile, SEED);
        for (int i = 0; i < repeat; i++) {
            Path output = folder.resolve("bench-pyramid-none.ome.zarr");
            Run plain = acquire(output, PyramidMode.NONE);
            none[i] = plain.seconds;
            noneFinish[i] = plain.finishSeconds;
            build[i] = buildAfterRun(output);
            floor[i] = unavoidable.seconds(output.resolve("0"), frames);
            BenchFolders.deleteTree(output);
            Run after = acquire(folder.resolve("bench-pyramid-after.ome.zarr"), PyramidMode.AFTER);
            afterFinish[i] = after.finishSeconds;
            Run stream = acquire(folder.resolve("bench-pyramid-streaming.ome.zarr"), PyramidMode.STREAMING);
            streaming[i] = stream.seconds;
            streamingFinish[i] = stream.finishSeconds;
            out.printf(Locale.ROOT, "run %d: none %.2f s (%.1f frames/s, finish %.2f s) | pyramid after the run built in "
                    + "%.2f s = %.1f %% of the write time (its unavoidable work alone %.1f %%); finish with it %.2f s | "
                    + "streaming %.2f s (%.1f frames/s), finish %.2f s%n", i + 1, none[i], frames / none[i], noneFinish[i],
                    build[i], 100 * build[i] / none[i], 100 * floor[i] / none[i], afterFinish[i], streaming[i],
                    frames / streaming[i], streamingFinish[i]);
        }
        double fraction = Median.of(build) / Median.of(none);
        double floorFraction = Median.of(floor) / Median.of(none);
        double throughput = Median.of(none) / Median.of(streaming);
        out.printf(Locale.ROOT, "pyramid after the run (median): %.2f s to build = %.1f %% of the %.2f s write time "
                + "(target <= 25 %%); finish() with it %.2f s%n", Median.of(build), 100 * fraction,
                Median.of(none), Median.of(afterFinish));
        out.printf(Locale.ROOT, "its unavoidable work alone on %d threads, reading level 0 back and the codec's share "
                + "(median): %.2f s = %.1f %% of the write time, the least any after-run builder can take here%n", threads,
                Median.of(floor), 100 * floorFraction);
        out.printf(Locale.ROOT, "streaming pyramid (median): %.1f frames/s = %.1f %% of no pyramid's %.1f; finish() "
                + "%.2f s for %.2f GiB (none: %.2f s)%n", frames / Median.of(streaming), 100 * throughput,
                frames / Median.of(none), Median.of(streamingFinish), gigabytes,
                Median.of(noneFinish));
        out.printf(Locale.ROOT, "RESULT pyramid_after_fraction=%.3f pyramid_floor_fraction=%.3f finish_after_s=%.2f "
                + "finish_streaming_s=%.2f finish_none_s=%.2f streaming_throughput_ratio=%.3f fps_none=%.1f "
                + "fps_streaming=%.1f levels=%d gib=%.2f%n", fraction, floorFraction, Median.of(afterFinish),
                Median.of(streamingFinish), Median.of(noneFinish), throughput,
                frames / Median.of(none), frames / Median.of(streaming), levels, gigabytes);
    }

    private WriterSettings settings(Path output, PyramidMode mode) {
        return WriterSettings.builder().output(output).timePoints(frames).frameSize(width, height)
                .pixelType(PixelType.UINT16).chunkShape(1, 1, 1, Math.min(tile, height), Math.min(tile, width))
                .codec(codec).writerThreads(threads).memoryBudgetBytes(memoryBytes).pyramid(mode).build();
    }

    /** The simulated stream written in {@code mode}; the dataset is deleted afterwards unless {@code NONE}. */
    private Run acquire(Path output, PyramidMode mode) throws IOException {
        WriterSettings settings = settings(output, mode);
        BenchFolders.deleteTree(output);
        SimulatedAcquisition acquisition = new SimulatedAcquisition(settings, SEED, frames, BANK);
        long start;
        long finishing;
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            start = System.nanoTime();
            acquisition.run(writer, Long.MAX_VALUE, count -> { });
            finishing = System.nanoTime();
            writer.finish();
        }
        long end = System.nanoTime();
        if (mode != PyramidMode.NONE) {
            BenchFolders.deleteTree(output);
        }
        return new Run((end - start) / 1e9, (end - finishing) / 1e9);
    }

    /** Seconds {@link PyramidBuilder} takes to build the levels of the dataset in {@code output}. */
    private double buildAfterRun(Path output) throws IOException {
        WriterSettings settings = settings(output, PyramidMode.AFTER);
        FileSystemStore store = new FileSystemStore(output);
        WriterPlan plan = settings.plan();
        ChunkEncoder encoder = new ChunkEncoder(settings.codec(), settings.pixelType().bytesPerSample(),
                plan.memory().codecBufferBytes(), new PipelineCounters());
        PyramidBuilder builder = new PyramidBuilder(plan.levels(), threads, plan.memory().pixelsOnHeap(),
                settings.format().layout(store), store, Collections.singletonList(""), encoder, (done, total) -> { });
        long start = System.nanoTime();
        builder.build(frames);
        return (System.nanoTime() - start) / 1e9;
    }
}
