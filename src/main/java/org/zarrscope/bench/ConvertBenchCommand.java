package org.zarrscope.bench;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mmcorej.TaggedImage;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.PyramidMode;
import org.zarrscope.WriterSettings;
import org.zarrscope.convert.Conversion;
import org.zarrscope.convert.NdTiffSource;
import org.zarrscope.micromanager.mda.MdaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.zarrscope.store.FileSystemStore;

/**
 * {@code zarrscope bench convert}: converting an NDTiff dataset against reading it alone, the
 * limit of any converter, interleaved in each repetition: a time-lapse of simulated frames saved by
 * NDTiffStorage, read image by image through the reader the conversion uses
 * ({@code NdTiffSource.read}: pixels and tags), then converted to OME-Zarr as {@code zarrscope
 * convert} converts it (no pyramid, so that the conversion itself is timed). The ratio is of these
 * two. Each repetition also reads the source through NDTiffStorage's own reader, what a lab's
 * script gets, and writes the same frames from memory through the same writer (one image read
 * once, written as every frame): the other limit of a conversion, reported beside them.
 *
 * <p>With {@code --cold} the source is evicted from the page cache before each timed read and
 * conversion ({@link PageCache}), so both come from its disk: the case of a lab converting its
 * archive. Without it both read the page cache, which on most machines outruns any writing.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Measure converting an NDTiff dataset against reading it alone; ends with a RESULT line.")
final class ConvertBenchCommand implements Callable<Integer> {
    @Option(names = "--dir", description = "Folder for the source and the converted dataset (default: /dev/shm if present, "
            + "else bench-data).")
    Path directory;

    @Option(names = "--source-dir", description = "Folder for the NDTiff source (default: the --dir folder); "
            + "on a disk for --cold.")
    Path sourceDirectory;

    @Option(names = "--cold", description = "Evict the source from the page cache before each timed read and "
            + "conversion (Linux, GNU dd), so that both read it from its disk.")
    boolean cold;

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int[] size = run.frameSize();
        run.checkRepeat(spec);
        Path outputFolder = directory != null ? directory : BenchFolders.inMemoryOr(Paths.get("bench-data"));
        Path sourceFolder = sourceDirectory != null ? sourceDirectory : outputFolder;
        if (cold && FileSystemStore.inMemory(sourceFolder)) { // eviction would do nothing there
            throw new ParameterException(spec.commandLine(), "--cold: " + sourceFolder
                    + " is in memory, so the source would never be read from a disk; give --source-dir a folder on one");
        }
        Path folder = Files.createDirectories(outputFolder);
        Path sourceParent = Files.createDirectories(sourceFolder).resolve("bench-convert-source");
        BenchFolders.deleteTree(sourceParent);
        Path source = new CameraRunAsNdTiff(size[0], size[1]).write(Files.createDirectories(sourceParent), run.frames);
        long bytes = (long) run.frames * size[0] * size[1] * 2;
        out.printf(Locale.ROOT, "bench convert: %d frames of %dx%d uint16 (%.0f MB) saved by NDTiffStorage in %s, %s, "
                + "%d writer threads, %d repeats%s%n", run.frames, size[0], size[1], bytes / 1e6, sourceParent,
                run.codecSpec(), run.writerThreads(), run.repeat,
                cold ? ", source read from its disk (evicted from the page cache before each timed read)" : "");
        out.printf(Locale.ROOT, "converted into %s%n", folder);
        double[] reading = new double[run.repeat];
        double[] readingNdTiffStorage = new double[run.repeat];
        double[] converting = new double[run.repeat];
        double[] writing = new double[run.repeat];
        Path output = folder.resolve("bench-convert.ome.zarr");
        try {
            readWithNdTiffStorage(source); // unmeasured: the JIT and the page cache warm, as for every other run
            readAlone(source);
            for (int i = 0; i < run.repeat; i++) {
                evictIfCold(source);
                readingNdTiffStorage[i] = bytes / readWithNdTiffStorage(source) / 1e6;
                evictIfCold(source);
                reading[i] = bytes / readAlone(source) / 1e6;
                evictIfCold(source);
                converting[i] = bytes / convert(source, output) / 1e6;
                writing[i] = bytes / writeFromMemory(source, output) / 1e6;
                out.printf(Locale.ROOT, "run %d: reading alone %.0f MB/s (NDTiffStorage's reader %.0f MB/s) | "
                        + "converting %.0f MB/s (%.1f %%) | writing from memory %.0f MB/s%n", i + 1, reading[i],
                        readingNdTiffStorage[i], converting[i], 100 * converting[i] / reading[i], writing[i]);
            }
        } finally { // gigabytes, often in memory (/dev/shm): never left behind, not even by a failed run
            BenchFolders.deleteTree(output);
            BenchFolders.deleteTree(sourceParent);
        }
        double ratio = Median.of(converting) / Median.of(reading);
        out.printf(Locale.ROOT, "converting (median) %.0f MB/s = %.1f %% of reading the source alone (%.0f MB/s, the "
                + "conversion's reader; NDTiffStorage's reader %.0f MB/s), %.1f %% of writing the same frames from "
                + "memory (%.0f MB/s)%n", Median.of(converting), 100 * ratio, Median.of(reading),
                Median.of(readingNdTiffStorage), 100 * Median.of(converting) / Median.of(writing), Median.of(writing));
        out.printf(Locale.ROOT, "RESULT convert_ratio=%.3f convert_MBps=%.1f read_MBps=%.1f "
                + "ndtiffstorage_read_MBps=%.1f write_MBps=%.1f%n", ratio, Median.of(converting), Median.of(reading),
                Median.of(readingNdTiffStorage), Median.of(writing));
        return 0;
    }

    private void evictIfCold(Path source) throws Exception {
        if (cold) {
            PageCache.evict(source);
        }
    }

    /**
     * Seconds to read every image of the source, pixels and tags, in the order it was acquired,
     * as the conversion reads it.
     */
    private static double readAlone(Path dataset) throws Exception {
        long start = System.nanoTime();
        long checksum = 0;
        try (NdTiffSource source = NdTiffSource.open(dataset)) {
            for (FrameCoordinates frame : source.images().keySet()) {
                TaggedImage read = source.read(frame);
                checksum += ((ByteBuffer) read.pix).getShort(0) + read.tags.length();
            }
        }
        return checked(checksum, start);
    }

    /** As {@link #readAlone}, through NDTiffStorage's own reader: a fresh {@code short[]} per image. */
    private static double readWithNdTiffStorage(Path dataset) throws Exception {
        long start = System.nanoTime();
        long checksum = 0;
        try (NdTiffSource source = NdTiffSource.open(dataset)) {
            for (Map<String, Object> axes : source.images().values()) {
                TaggedImage read = source.read(axes);
                checksum += ((short[]) read.pix)[0] + read.tags.length();
            }
        }
        return checked(checksum, start);
    }

    /** Seconds since {@code start}; the checksum keeps the reads from being optimised away. */
    private static double checked(long checksum, long start) {
        if (checksum == Long.MIN_VALUE) {
            throw new IllegalStateException("unreachable: keeps the reads from being optimised away");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds to convert the source, from opening it to the end of {@code finish()}. */
    private double convert(Path dataset, Path output) throws Exception {
        BenchFolders.deleteTree(output);
        long start = System.nanoTime();
        try (NdTiffSource source = NdTiffSource.open(dataset);
             AcquisitionWriter writer = AcquisitionWriter.open(settings(source, output))) {
            Conversion.run(source, writer, count -> { });
            writer.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchFolders.deleteTree(output);
        return seconds;
    }

    /**
     * Seconds to write every frame of the source from memory through the conversion's writer, from
     * its opening to the end of {@code finish()}: the source's first image, read once beforehand,
     * as each frame, so that no reading is timed.
     */
    private double writeFromMemory(Path dataset, Path output) throws Exception {
        BenchFolders.deleteTree(output);
        try (NdTiffSource source = NdTiffSource.open(dataset)) {
            ByteBuffer image = (ByteBuffer) source.read(source.images().keySet().iterator().next()).pix;
            ByteBuffer pixels = ByteBuffer.allocateDirect(image.remaining()).order(image.order()).put(image);
            long start = System.nanoTime();
            try (AcquisitionWriter writer = AcquisitionWriter.open(settings(source, output))) {
                for (FrameCoordinates frame : source.images().keySet()) {
                    pixels.rewind();
                    writer.write(frame, pixels, FrameMetadata.NONE);
                }
                writer.finish();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            BenchFolders.deleteTree(output);
            return seconds;
        }
    }

    /** The writer settings {@code zarrscope convert} gives the source, without a pyramid. */
    private WriterSettings settings(NdTiffSource source, Path output) {
        return MdaSettings.describeRun(source.summary(), WriterSettings.builder().output(output).codec(run.codecSpec())
                .writerThreads(run.writerThreads()).memoryBudgetBytes(run.memoryBytes()).pyramid(PyramidMode.NONE))
                .build();
    }
}
