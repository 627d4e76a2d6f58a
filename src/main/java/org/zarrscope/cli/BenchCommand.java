package org.zarrscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedAcquisition;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.FrameCoordinates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zarrscope bench}: measures, in one run, the limits Zarrscope works against and Zarrscope
 * itself, and reports ratios (absolute numbers on shared machines drift too much to compare
 * across runs):
 * <ol>
 *   <li>raw sequential write bandwidth of the target folder (large {@link FileChannel} writes);</li>
 *   <li>single-thread throughput of the codec on the same frames;</li>
 *   <li>Zarrscope writing the same 16-bit frames uncompressed to the target folder, and with the
 *       codec to the codec folder (by default {@code /dev/shm}, so the disk does not hide the codecs).</li>
 * </ol>
 * Each measurement is repeated and the median taken; the runs are interleaved so that drift
 * affects baseline and Zarrscope alike.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure raw disk and codec limits and Zarrscope against them; ends with a RESULT line.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "bench-data", description = "Target folder on the disk to measure (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = "--codec-dir", description = "Folder for the compressed run (default: /dev/shm if present, else --dir).")
    Path codecDirectory;

    @Option(names = "--frames", defaultValue = "128", description = "Frames per run (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", defaultValue = "2048x2048", description = "Frame size WIDTHxHEIGHT (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--codec", defaultValue = "blosc-lz4", description = "Codec of the compressed run (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--threads", description = "Writer threads (default: one per core).")
    Integer threads;

    @Option(names = "--repeat", defaultValue = "3", description = "Repetitions; the median counts (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--memory", defaultValue = "1024", description = "Memory budget in MiB (default: ${DEFAULT-VALUE}).")
    long memoryMiB;

    private static final int BANK = 8;
    private org.zarrscope.WriterStatistics lastStatistics;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        String[] parts = size.split("x");
        int width = Integer.parseInt(parts[0]);
        int height = Integer.parseInt(parts[1]);
        int writerThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path codecDir = codecDirectory != null ? codecDirectory
                : Files.isDirectory(Paths.get("/dev/shm")) ? Paths.get("/dev/shm") : directory;
        Files.createDirectories(directory);
        CodecSpec codecSpec = CodecSpec.parse(codec, null, null);
        ByteBuffer[] bank = renderBank(width, height);
        long bytesPerRun = (long) frames * bank[0].capacity();
        out.printf(Locale.ROOT, "bench: %d frames of %dx%d uint16 (%.0f MB per run), %d writer threads, %d repeats%n",
                frames, width, height, bytesPerRun / 1e6, writerThreads, repeat);

        double[] raw = new double[repeat];
        double[] codecSingle = new double[repeat];
        double[] zarrNone = new double[repeat];
        double[] zarrCodec = new double[repeat];
        double[] fps = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            raw[i] = rawWrite(directory.resolve("raw-baseline.bin"), bank);
            codecSingle[i] = codecThroughput(codecSpec, bank);
            zarrNone[i] = zarrscope(directory.resolve("bench-none.ome.zarr"), width, height, CodecSpec.none(),
                    writerThreads, null);
            double[] framesPerSecond = new double[1];
            zarrCodec[i] = zarrscope(codecDir.resolve("zarrscope-bench-codec.ome.zarr"), width, height, codecSpec,
                    writerThreads, framesPerSecond);
            fps[i] = framesPerSecond[0];
            out.println(lastStatistics);
            out.printf(Locale.ROOT, "run %d: raw disk %.0f MB/s | %s 1 thread %.0f MB/s | zarrscope none %.0f MB/s | "
                    + "zarrscope %s %.0f MB/s (%.1f frames/s)%n", i + 1, raw[i], codecSpec, codecSingle[i], zarrNone[i],
                    codec, zarrCodec[i], fps[i]);
        }
        int parallel = Math.min(writerThreads, Runtime.getRuntime().availableProcessors());
        double rawRatio = median(zarrNone) / median(raw);
        double codecRatio = median(zarrCodec) / (parallel * median(codecSingle));
        out.printf(Locale.ROOT, "raw disk (median): %.0f MB/s; zarrscope uncompressed %.0f MB/s = %.1f %% of it%n",
                median(raw), median(zarrNone), rawRatio * 100);
        out.printf(Locale.ROOT, "codec %s, 1 thread (median): %.0f MB/s; zarrscope with it on %d cores %.0f MB/s = %.1f %% of %d x%n",
                codecSpec, median(codecSingle), parallel, median(zarrCodec), codecRatio * 100, parallel);
        out.printf(Locale.ROOT, "RESULT raw_ratio=%.3f codec_ratio=%.3f fps=%.1f MBps=%.1f%n",
                rawRatio, codecRatio, median(fps), median(zarrCodec));
        return 0;
    }

    private ByteBuffer[] renderBank(int width, int height) {
        SimulatedCamera camera = new SimulatedCamera(width, height, PixelType.UINT16, 7);
        ByteBuffer[] bank = new ByteBuffer[BANK];
        for (int i = 0; i < BANK; i++) {
            short[] pixels = (short[]) camera.frame(FrameCoordinates.of(i, 0, 0));
            bank[i] = ByteBuffer.allocateDirect(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bank[i].asShortBuffer().put(pixels);
        }
        return bank;
    }

    /** MB/s of plain sequential writes of whole frames to one file, closed (not synced) at the end. */
    private double rawWrite(Path file, ByteBuffer[] bank) throws IOException {
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < frames; i++) {
                ByteBuffer frame = bank[i % BANK].duplicate();
                while (frame.hasRemaining()) {
                    channel.write(frame);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(file);
        return frames * (double) bank[0].capacity() / seconds / 1e6;
    }

    /** MB/s of one thread compressing the frames with the same codec context type the writer uses. */
    private double codecThroughput(CodecSpec spec, ByteBuffer[] bank) {
        Codec codec = spec.newCodec(2);
        ByteBuffer target = ByteBuffer.allocateDirect(codec.maxCompressedLength(bank[0].capacity()));
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            target.clear();
            codec.compress(bank[i % BANK].duplicate(), target);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return frames * (double) bank[0].capacity() / seconds / 1e6;
    }

    /** MB/s (uncompressed) of Zarrscope writing the frames, from open to the end of finish. */
    private double zarrscope(Path output, int width, int height, CodecSpec spec, int writerThreads, double[] fps)
            throws IOException {
        deleteTree(output);
        WriterSettings settings = WriterSettings.builder().output(output).timePoints(frames)
                .frameSize(width, height).pixelType(PixelType.UINT16).codec(spec).writerThreads(writerThreads)
                .memoryBudgetBytes(memoryMiB << 20).build();
        SimulatedAcquisition acquisition = new SimulatedAcquisition(settings, 7, frames, BANK);
        long start = System.nanoTime();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            acquisition.run(writer, Long.MAX_VALUE, count -> { });
            writer.finish();
            lastStatistics = writer.statistics();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        deleteTree(output);
        if (fps != null) {
            fps[0] = frames / seconds;
        }
        return frames * (double) settings.frameBytes() / seconds / 1e6;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
