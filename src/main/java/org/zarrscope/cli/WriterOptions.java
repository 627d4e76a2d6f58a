package org.zarrscope.cli;

import java.nio.file.Path;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.BackPressurePolicy;
import org.zarrscope.PyramidMode;
import org.zarrscope.SettingsException;
import org.zarrscope.SettingsText;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.BloscShuffle;
import org.zarrscope.codec.CodecSpec;
import picocli.CommandLine.Option;

/** The writer flags shared by every command that writes a dataset: where, how many time points, and how it is stored. */
final class WriterOptions {
    /** 1 PiB: any larger --memory would overflow when converted to bytes. */
    private static final long MAX_MEMORY_MIB = 1L << 30;

    @Option(names = "--out", required = true, description = "Dataset folder to write, e.g. run1.ome.zarr.")
    Path output;

    @Option(names = "--frames", defaultValue = "10", description = "Time points (default: ${DEFAULT-VALUE}).")
    int timePoints;

    @Option(names = "--chunk", description = "Chunk extents t,c,z,y,x (default: one whole frame).")
    String chunk;

    @Option(names = "--codec", defaultValue = "blosc-lz4",
            description = "none, blosc-lz4, blosc-zstd, blosc-blosclz, blosc-zlib, zstd or gzip (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--clevel", description = "Compression level (default: blosc 1, zstd 3, gzip 5).")
    Integer level;

    @Option(names = "--shuffle", description = "Blosc shuffle: noshuffle, shuffle or bitshuffle (default: shuffle).")
    BloscShuffle shuffle;

    @Option(names = "--threads", description = "Chunk writer threads (default: one per core).")
    Integer threads;

    @Option(names = "--memory", description = "Memory budget in MiB (default: 512).")
    Long memoryMiB;

    @Option(names = "--order", defaultValue = "tczyx",
            description = "Acquisition order, outermost axis first, e.g. tczyx or tzcyx (default: ${DEFAULT-VALUE}).")
    String order;

    @Option(names = "--backpressure", defaultValue = "BLOCK",
            description = "When memory is full: BLOCK waits, FAIL refuses the frame (default: ${DEFAULT-VALUE}).")
    BackPressurePolicy backPressure;

    @Option(names = "--no-fsync", description = "Do not force the dataset to the disk: faster to finish, but a "
            + "power loss may take data the operating system had not yet written (default: forced).")
    boolean noFsync;

    @Option(names = "--format", defaultValue = "v3",
            description = "v3 (Zarr v3 + OME-NGFF 0.5) or v2 (Zarr v2 + OME-NGFF 0.4, for older readers) "
                    + "(default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--shard", description = "v3 only: shard extents t,c,z,y,x (multiples of the chunk), auto "
            + "(whole planes and stacks, up to ~256 MiB and a minute per shard) or none (default: auto for v3).")
    String shard;

    @Option(names = "--pixel-size", description = "Pixel size in micrometers.")
    Double pixelSizeUm;

    @Option(names = "--z-step", description = "Z step in micrometers.")
    Double zStepUm;

    @Option(names = "--pyramid", defaultValue = "streaming",
            description = "Reduced resolution levels: streaming (built while frames arrive: finished at once, a third "
                    + "more work during the run), after (built when the run completes: for a camera at the writer's "
                    + "top speed) or none (default: ${DEFAULT-VALUE}).")
    String pyramid;

    @Option(names = "--levels", defaultValue = "0",
            description = "Most pyramid levels beyond full resolution; 0 halves until a level fits one chunk "
                    + "(default: automatic).")
    int levels;

    /**
     * The settings of these flags, for a command to complete with what it knows of the frames
     * (channels, z slices, frame size, pixel type, interval, positions) before building;
     * {@code openEnded} makes the time axis grow with the frames.
     */
    WriterSettings.Builder builder(boolean openEnded) {
        WriterSettings.Builder builder = WriterSettings.builder()
                .output(output)
                .timePoints(openEnded ? WriterSettings.UNBOUNDED : timePoints)
                .codec(CodecSpec.parse(codec, level, shuffle))
                .backPressure(backPressure)
                .durable(!noFsync)
                .order(AcquisitionOrder.parse(order))
                .pixelSizeUm(pixelSizeUm)
                .zStepUm(zStepUm)
                .pyramid(PyramidMode.parse(pyramid))
                .pyramidLevels(levels);
        builder.format(ZarrFormat.fromName(format));
        if (chunk != null) {
            int[] extents = SettingsText.extents("chunk", chunk);
            builder.chunkShape(extents[0], extents[1], extents[2], extents[3], extents[4]);
        }
        if (shard != null && shard.equalsIgnoreCase("none")) {
            builder.unsharded();
        } else if (shard != null && !shard.equalsIgnoreCase("auto")) {
            int[] extents = SettingsText.extents("shard", shard);
            builder.shardShape(extents[0], extents[1], extents[2], extents[3], extents[4]);
        }
        if (threads != null) {
            builder.writerThreads(threads);
        }
        if (memoryMiB != null) {
            if (memoryMiB < 1 || memoryMiB > MAX_MEMORY_MIB) {
                throw new SettingsException("memoryBudget", "--memory " + memoryMiB + " MiB is out of range; allowed: 1 to "
                        + MAX_MEMORY_MIB);
            }
            builder.memoryBudgetBytes(memoryMiB << 20);
        }
        return builder;
    }
}
