package org.zarrscope.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.PixelType;
import org.zarrscope.PyramidMode;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedAcquisition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zarrscope bench}: measures, in one run, the limits Zarrscope works against and Zarrscope
 * itself, and reports ratios (absolute numbers on shared machines drift too much to compare
 * across runs):
 * <ol>
 *   <li>raw sequential write bandwidth of the target folder (large {@link FileChannel} writes);</li>
 *   <li>single-thread throughput of the codec on the same frames, and a {@link MinimalPipeline}
 *       (copy once, compress, append) as the most any writer could reach here;</li>
 *   <li>Zarrscope writing the same 16-bit frames uncompressed to the target folder, and with the
 *       codec to the codec folder (by default {@code /dev/shm}, so the disk does not hide the codecs);</li>
 *   <li>NDTiffStorage, Micro-Manager's default writer, writing the same frames to the target folder
 *       ({@link CameraRunAsNdTiff}).</li>
 * </ol>
 * Each measurement is repeated and the median taken; the runs are interleaved so that drift
 * affects baseline and Zarrscope alike. These runs write no pyramid; the subcommand
 * {@code bench pyramid} ({@link PyramidBenchCommand}) measures the pyramid.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure raw disk and codec limits, and Zarrscope against them and against NDTiffStorage; ends with a "
                + "RESULT line.",
        subcommands = {PyramidBenchCommand.class, ConvertBenchCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "bench-data", description = "Target folder on the disk to measure (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = "--codec-dir", description = "Folder for the compressed run (default: /dev/shm if present, else --dir).")
    Path codecDirectory;

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    /**
     * The old spelling of {@code bench pyramid}, refused while the flags are read (before an unknown
     * {@code --tile} could hide it), so that an old command line does not measure something else.
     */
    @Option(names = "--pyramid", hidden = true)
    void pyramid(boolean ignored) {
        throw new ParameterException(spec.commandLine(), "--pyramid is now a command of its own: 'zarrscope bench pyramid "
                + "[--dir DIR] [--tile N] [--frames N] ...' (its folder is --dir, or --codec-dir as before)");
    }

    private static final int BANK = CameraRunAsNdTiff.BANK;
    /** The tile of the sharding comparison: 64 chunks per 2048x2048 frame. */
    private static final int TILE = 256;
    /** Frames per shard in the sharding comparison. */
    private static final int SHARD_FRAMES = 16;

    /** The extent covering {@code size} in whole tiles, the largest shard allowed along y or x. */
    private static int tiled(int size) {
        return (size + TILE - 1) / TILE * TILE;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int[] frameSize = run.frameSize();
        int width = frameSize[0];
        int height = frameSize[1];
        int writerThreads = run.writerThreads();
        Path codecDir = codecDirectory != null ? codecDirectory : BenchFolders.inMemoryOr(directory);
        CodecSpec codecSpec = run.codecSpec();
        int parallel = Math.min(writerThreads, Runtime.getRuntime().availableProcessors());
        run.checkRepeat(spec);
        Files.createDirectories(codecDir);
        // the settings of the runs, checked before anything is measured: a bad --size, --frames,
        // --threads or --memory is a SettingsException naming it (exit 2), not a failure mid-run
        settings(WriterSettings.builder().output(codecDir.resolve("zarrscope-bench-codec.ome.zarr")).codec(codecSpec),
                width, height, writerThreads);
        Files.createDirectories(directory);
        CameraRunAsNdTiff ndTiffRun = new CameraRunAsNdTiff(width, height);
        ByteBuffer[] bank = directBank(ndTiffRun);
        MinimalPipeline minimalPipeline = new MinimalPipeline(codecSpec, parallel, codecDir);
        long bytesPerRun = (long) run.frames * bank[0].capacity();
        out.printf(Locale.ROOT, "bench: %d frames of %dx%d uint16 (%.0f MB per run), %d writer threads, %d repeats%n",
                run.frames, width, height, bytesPerRun / 1e6, writerThreads, run.repeat);
        out.println("blosc: " + CodecSpec.bloscLibrary());

        double[] raw = new double[run.repeat];
        double[] rawFiles = new double[run.repeat];
        double[] codecSingle = new double[run.repeat];
        double[] codecParallel = new double[run.repeat];
        double[] minimal = new double[run.repeat];
        double[] zarrNone = new double[run.repeat];
        double[] ndTiff = new double[run.repeat];
        double[] zarrCodec = new double[run.repeat];
        double[] fps = new double[run.repeat];
        double[] v2Tiled = new double[run.repeat];
        double[] v3Sharded = new double[run.repeat];
        long v2Files = 0;
        long v3Files = 0;
        // one unmeasured round first: the JIT compiles the hot paths and the page cache and codec
        // buffers are warm, as they are minutes into an acquisition
        codecThroughput(codecSpec, bank, parallel);
        zarrscope(WriterSettings.builder().output(codecDir.resolve("zarrscope-bench-codec.ome.zarr")).codec(codecSpec),
                width, height, writerThreads);
        ndTiff(ndTiffRun, bank[0].capacity());
        for (int i = 0; i < run.repeat; i++) {
            // CPU-bound measurements first: the disk runs leave the kernel flushing for a while
            codecSingle[i] = codecThroughput(codecSpec, bank, 1);
            codecParallel[i] = codecThroughput(codecSpec, bank, parallel);
            minimal[i] = minimalPipeline.megabytesPerSecond(bank, run.frames);
            Run compressed = zarrscope(WriterSettings.builder().output(codecDir.resolve("zarrscope-bench-codec.ome.zarr"))
                    .codec(codecSpec), width, height, writerThreads);
            zarrCodec[i] = compressed.megabytesPerSecond;
            fps[i] = compressed.framesPerSecond;
            double[] rawBoth = rawWrite(directory, bank);
            raw[i] = rawBoth[0];
            rawFiles[i] = rawBoth[1];
            zarrNone[i] = zarrscope(WriterSettings.builder().output(directory.resolve("bench-none.ome.zarr"))
                    .codec(CodecSpec.none()), width, height, writerThreads).megabytesPerSecond;
            ndTiff[i] = ndTiff(ndTiffRun, bank[0].capacity());
            Run tiled = zarrscope(WriterSettings.builder().output(directory.resolve("bench-v2-tiles.ome.zarr"))
                    .format(ZarrFormat.V2).codec(codecSpec).chunkShape(1, 1, 1, TILE, TILE), width, height,
                    writerThreads);
            Run sharded = zarrscope(WriterSettings.builder().output(directory.resolve("bench-v3-shards.ome.zarr"))
                    .codec(codecSpec).format(ZarrFormat.V3).chunkShape(1, 1, 1, TILE, TILE)
                    .shardShape(Math.min(SHARD_FRAMES, run.frames), 1, 1, tiled(height), tiled(width)),
                    width, height, writerThreads);
            v2Tiled[i] = tiled.megabytesPerSecond;
            v3Sharded[i] = sharded.megabytesPerSecond;
            v2Files = tiled.files;
            v3Files = sharded.files;
            out.printf(Locale.ROOT, "run %d: %dx%d tiles: v2 one file per chunk %.0f MB/s (%d files), "
                    + "v3 shards of %d frames %.0f MB/s (%d files)%n", i + 1, TILE, TILE, v2Tiled[i], tiled.files,
                    Math.min(SHARD_FRAMES, run.frames), v3Sharded[i], sharded.files);
            out.printf(Locale.ROOT, "run %d: raw disk %.0f MB/s (file per frame %.0f) | %s 1 thread %.0f MB/s, %d threads %.0f MB/s, "
                    + "minimal pipeline %.0f MB/s | zarrscope none %.0f MB/s, NDTiffStorage %.0f MB/s | zarrscope %s %.0f MB/s "
                    + "(%.1f frames/s)%n", i + 1, raw[i], rawFiles[i], codecSpec, codecSingle[i], parallel, codecParallel[i],
                    minimal[i], zarrNone[i], ndTiff[i], run.codec, zarrCodec[i], fps[i]);
        }
        double rawRatio = Median.of(zarrNone) / Median.of(raw);
        double rawFilesRatio = Median.of(zarrNone) / Median.of(rawFiles);
        double codecRatio = Median.of(zarrCodec) / (parallel * Median.of(codecSingle));
        double ndTiffRatio = Median.of(zarrNone) / Median.of(ndTiff);
        out.printf(Locale.ROOT, "NDTiffStorage, Micro-Manager's default writer, the same frames to the same folder (median): "
                + "%.0f MB/s; zarrscope uncompressed = %.2f x it%n", Median.of(ndTiff), ndTiffRatio);
        out.printf(Locale.ROOT, "raw disk (median): %.0f MB/s one file, %.0f MB/s file per frame; zarrscope uncompressed "
                + "%.0f MB/s = %.1f %% / %.1f %% of them%n", Median.of(raw), Median.of(rawFiles), Median.of(zarrNone),
                rawRatio * 100, rawFilesRatio * 100);
        out.printf(Locale.ROOT, "codec %s, 1 thread (median): %.0f MB/s; zarrscope with it on %d cores %.0f MB/s = %.1f %% of %d x%n",
                codecSpec, Median.of(codecSingle), parallel, Median.of(zarrCodec), codecRatio * 100, parallel);
        double parallelRatio = Median.of(zarrCodec) / Median.of(codecParallel);
        out.printf(Locale.ROOT, "codec on %d threads at once, no writer (median): %.0f MB/s (%.2f x 1 thread); "
                + "zarrscope reaches %.1f %% of it%n", parallel, Median.of(codecParallel),
                Median.of(codecParallel) / Median.of(codecSingle), parallelRatio * 100);
        double floorRatio = Median.of(minimal) / (parallel * Median.of(codecSingle));
        double floorReached = Median.of(zarrCodec) / Median.of(minimal);
        out.printf(Locale.ROOT, "minimal pipeline (copy once, compress, append; median): %.0f MB/s = %.1f %% of %d x 1 thread; "
                + "zarrscope reaches %.1f %% of it%n", Median.of(minimal), floorRatio * 100, parallel, floorReached * 100);
        double shardSpeedup = Median.of(v3Sharded) / Median.of(v2Tiled);
        double fileRatio = (double) v2Files / v3Files;
        out.printf(Locale.ROOT, "%dx%d tiles (median): v3 sharded %.0f MB/s = %.2f x v2 unsharded %.0f MB/s, with %.0f x fewer "
                + "files (%d vs %d)%n", TILE, TILE, Median.of(v3Sharded), shardSpeedup, Median.of(v2Tiled), fileRatio, v3Files,
                v2Files);
        long overIdle = peakAboveIdle(WriterSettings.builder().output(codecDir.resolve("zarrscope-bench-codec.ome.zarr"))
                .codec(codecSpec), width, height, writerThreads);
        long budget = run.memoryBytes();
        if (overIdle >= 0) {
            out.printf(Locale.ROOT, "memory: peak resident memory of a %s run %.0f MiB above the same JVM idle just before "
                    + "(budget %d MiB, max heap %.0f MiB): %s budget + 64 MiB%n", run.codec, overIdle / 1048576.0, run.memoryMiB,
                    Runtime.getRuntime().maxMemory() / 1048576.0, overIdle <= budget + (64L << 20) ? "within" : "ABOVE");
        } else {
            out.println("memory: peak resident memory not measured (needs Linux 4.0 or later)");
        }
        out.printf(Locale.ROOT, "RESULT raw_ratio=%.3f codec_ratio=%.3f parallel_codec_ratio=%.3f floor_ratio=%.3f "
                + "floor_reached=%.3f raw_files_ratio=%.3f ndtiff_ratio=%.3f shard_speedup=%.3f file_ratio=%.1f fps=%.1f "
                + "MBps=%.1f rss_over_idle_mib=%.0f budget_mib=%d%n", rawRatio, codecRatio, parallelRatio, floorRatio,
                floorReached, rawFilesRatio, ndTiffRatio, shardSpeedup, fileRatio, Median.of(fps), Median.of(zarrCodec),
                overIdle >= 0 ? overIdle / 1048576.0 : Double.NaN, run.memoryMiB);
        return 0;
    }

    /**
     * Bytes the process's resident memory rose above its level just before a run, at the run's
     * peak; -1 where the peak cannot be reset. The JVM is first left idle (garbage collected, the
     * frames rendered), which is the baseline.
     */
    private long peakAboveIdle(WriterSettings.Builder layout, int width, int height, int writerThreads)
            throws IOException, InterruptedException {
        System.gc();
        Thread.sleep(500);
        OptionalLong idle = ResidentMemory.now();
        if (!idle.isPresent() || !ResidentMemory.resetPeak()) {
            return -1;
        }
        zarrscope(layout, width, height, writerThreads);
        return ResidentMemory.peak().getAsLong() - idle.getAsLong();
    }

    /** The frames every run writes, in direct buffers for the raw writes and the codec runs. */
    private static ByteBuffer[] directBank(CameraRunAsNdTiff ndTiffRun) {
        ByteBuffer[] bank = new ByteBuffer[BANK];
        for (int i = 0; i < BANK; i++) {
            short[] pixels = (short[]) ndTiffRun.frame(i);
            bank[i] = ByteBuffer.allocateDirect(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bank[i].asShortBuffer().put(pixels);
        }
        return bank;
    }

    /**
     * MB/s of plain large writes of whole frames, without any Zarrscope code: {@code [0]} one
     * file, a single sequential stream (the baseline of {@code raw_ratio}); {@code [1]} a file per
     * frame, the pattern of a chunk store without its temporary-file-and-rename step (reported
     * as {@code raw_files_ratio}: on a VM whose page cache absorbs the run the two differ a lot).
     */
    private double[] rawWrite(Path folder, ByteBuffer[] bank) throws IOException {
        Path single = folder.resolve("raw-baseline.bin");
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(single, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < run.frames; i++) {
                writeFully(channel, bank[i % BANK]);
            }
        }
        double oneFile = megabytesPerSecond(start, bank[0].capacity());
        Files.delete(single);

        Path perFrame = Files.createDirectories(folder.resolve("raw-baseline-files"));
        start = System.nanoTime();
        for (int i = 0; i < run.frames; i++) {
            try (FileChannel channel = FileChannel.open(perFrame.resolve(Integer.toString(i)), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(channel, bank[i % BANK]);
            }
        }
        double filePerFrame = megabytesPerSecond(start, bank[0].capacity());
        BenchFolders.deleteTree(perFrame);
        return new double[] {oneFile, filePerFrame};
    }

    /**
     * MB/s of NDTiffStorage writing the frames to {@code --dir} until they are on the disk, as
     * Zarrscope's {@code finish()} leaves its own: the writer a Micro-Manager user has today.
     */
    private double ndTiff(CameraRunAsNdTiff ndTiffRun, int frameBytes) throws Exception {
        Path parent = directory.resolve("bench-ndtiff");
        BenchFolders.deleteTree(parent);
        long start = System.nanoTime();
        CameraRunAsNdTiff.forceToDisk(ndTiffRun.write(Files.createDirectories(parent), run.frames));
        double megabytesPerSecond = megabytesPerSecond(start, frameBytes);
        BenchFolders.deleteTree(parent);
        return megabytesPerSecond;
    }

    private static void writeFully(FileChannel channel, ByteBuffer frame) throws IOException {
        ByteBuffer bytes = frame.duplicate();
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private double megabytesPerSecond(long start, int frameBytes) {
        double seconds = (System.nanoTime() - start) / 1e9;
        return run.frames * (double) frameBytes / seconds / 1e6;
    }

    /**
     * MB/s of {@code threads} threads compressing the frames at once, each with its own context of
     * the type the writer uses, and nothing else running: the codec limit of this machine. The
     * frames are held as the writer holds its chunks (in heap arrays for a codec that reads whole
     * arrays), so the baseline has no copy the writer avoids. On a virtual machine whose cores are
     * shared with other guests, the parallel figure shows how much of "N × one thread" the
     * machine really gives.
     */
    private double codecThroughput(CodecSpec spec, ByteBuffer[] directBank, int threads) throws InterruptedException {
        ByteBuffer[] bank = spec.newCodec(2).readsWholeArrays() ? onHeap(directBank) : directBank;
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                Codec codecContext = spec.newCodec(2);
                ByteBuffer target = ByteBuffer.allocateDirect(codecContext.maxCompressedLength(bank[0].capacity()));
                for (int i = 0; i < run.frames; i++) {
                    target.clear();
                    codecContext.compress(bank[i % BANK].duplicate(), target);
                }
            }, "bench-codec-" + t);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return threads * run.frames * (double) bank[0].capacity() / seconds / 1e6;
    }

    private static ByteBuffer[] onHeap(ByteBuffer[] bank) {
        ByteBuffer[] copies = new ByteBuffer[bank.length];
        for (int i = 0; i < bank.length; i++) {
            copies[i] = ByteBuffer.allocate(bank[i].capacity()).order(ByteOrder.LITTLE_ENDIAN).put(bank[i].duplicate());
            copies[i].flip();
        }
        return copies;
    }

    /** What one Zarrscope run measured. */
    private static final class Run {
        final double megabytesPerSecond;
        final double framesPerSecond;
        final long files;

        Run(double megabytesPerSecond, double framesPerSecond, long files) {
            this.megabytesPerSecond = megabytesPerSecond;
            this.framesPerSecond = framesPerSecond;
            this.files = files;
        }
    }

    /**
     * Zarrscope writing the frames with the given layout (output, format, chunks, codec), from the
     * first frame to the end of {@code finish()}: uncompressed MB/s, frames/s and files written.
     */
    private Run zarrscope(WriterSettings.Builder layout, int width, int height, int writerThreads) throws IOException {
        WriterSettings settings = settings(layout, width, height, writerThreads);
        BenchFolders.deleteTree(settings.output());
        SimulatedAcquisition acquisition = new SimulatedAcquisition(settings, CameraRunAsNdTiff.SEED, run.frames, BANK);
        long start;
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            start = System.nanoTime(); // an acquisition opens its writer before the camera starts
            acquisition.run(writer, Long.MAX_VALUE, count -> { });
            writer.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long files;
        try (Stream<Path> paths = Files.walk(settings.output())) {
            files = paths.filter(Files::isRegularFile).count();
        }
        BenchFolders.deleteTree(settings.output());
        return new Run(run.frames * (double) settings.frameBytes() / seconds / 1e6, run.frames / seconds, files);
    }

    /** The settings of a run with the given layout (output, format, chunks, codec): the frames every run writes. */
    private WriterSettings settings(WriterSettings.Builder layout, int width, int height, int writerThreads) {
        return layout.timePoints(run.frames).frameSize(width, height).pixelType(PixelType.UINT16)
                .writerThreads(writerThreads).memoryBudgetBytes(run.memoryBytes()).pyramid(PyramidMode.NONE).build();
    }
}
