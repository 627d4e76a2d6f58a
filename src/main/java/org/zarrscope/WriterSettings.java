package org.zarrscope;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.zarrscope.memory.MemoryPlan;
import org.zarrscope.zarr.ShardPlanner;
import org.zarrscope.codec.CodecSpec;

/**
 * Everything a dataset is written with, validated as a whole before the first frame. Build with
 * {@link #builder()}; {@link Builder#build()} throws {@link SettingsException} naming the field and
 * the allowed values.
 *
 * <p>The stored array is 5-D {@code (t, c, z, y, x)}; for {@link PixelType#RGB8} its channel axis
 * holds three samples (R, G, B) per acquisition channel. The default format is Zarr v3 +
 * OME-NGFF 0.5 with automatic shards ({@link ShardPlanner}); choose {@link ZarrFormat#V2} for
 * readers that only know Zarr v2.
 */
public final class WriterSettings {
    /** {@link #timePoints()} of an open-ended time-lapse: the array grows as frames arrive. */
    public static final int UNBOUNDED = -1;
    /** The default memory budget: 512 MiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 512L << 20;

    private final Path output;
    private final int timePoints;
    private final int channels;
    private final int zSlices;
    private final int width;
    private final int height;
    private final PixelType pixelType;
    private final int[] chunkShape;
    private final CodecSpec codec;
    private final int writerThreads;
    private final long memoryBudgetBytes;
    private final BackPressurePolicy backPressure;
    private final AcquisitionOrder order;
    private final Double pixelSizeUm;
    private final Double zStepUm;
    private final Double intervalSeconds;
    private final ZarrFormat format;
    private int[] shardShape;
    private final MemoryPlan memoryPlan;

    private WriterSettings(Builder b) {
        output = b.output;
        timePoints = b.timePoints;
        channels = b.channels;
        zSlices = b.zSlices;
        width = b.width;
        height = b.height;
        pixelType = b.pixelType;
        chunkShape = b.chunkShape != null ? b.chunkShape.clone() : new int[] {1, 1, 1, b.height, b.width};
        codec = b.codec;
        writerThreads = b.writerThreads;
        memoryBudgetBytes = b.memoryBudgetBytes;
        backPressure = b.backPressure;
        order = b.order;
        pixelSizeUm = b.pixelSizeUm;
        zStepUm = b.zStepUm;
        intervalSeconds = b.intervalSeconds;
        format = b.format;
        validate();
        if (b.shardShape != null) {
            shardShape = b.shardShape.clone();
        } else if (format == ZarrFormat.V3 && !b.unsharded) {
            shardShape = ShardPlanner.plan(this);
        }
        validateShards();
        memoryPlan = MemoryPlan.of(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void validate() {
        if (output == null) {
            throw new SettingsException("output", "an output folder is required");
        }
        if (timePoints != UNBOUNDED && timePoints < 1) {
            throw new SettingsException("timePoints", timePoints + " is not allowed; give 1 or more, or UNBOUNDED");
        }
        positive("channels", channels);
        positive("zSlices", zSlices);
        positive("width", width);
        positive("height", height);
        if ((long) Math.max(timePoints, 1) * channels * zSlices > Integer.MAX_VALUE) {
            throw new SettingsException("timePoints", timePoints + " x " + channels + " channels x " + zSlices
                    + " z slices is more than 2^31 frames; split the acquisition");
        }
        Objects.requireNonNull(pixelType, "pixelType");
        int[] sizes = arrayShape(1);
        for (Axis axis : Axis.values()) {
            int extent = chunkShape[axis.dimension()];
            boolean growing = axis == Axis.TIME && timePoints == UNBOUNDED;
            if (extent < 1 || (!growing && extent > sizes[axis.dimension()])) {
                throw new SettingsException("chunk." + axis.letter(), extent + " is out of range; allowed: 1 to "
                        + (growing ? "any" : String.valueOf(sizes[axis.dimension()])) + " (the array's "
                        + axis.letter() + " size)");
            }
        }
        if (chunkBytes() > Integer.MAX_VALUE - 64) {
            throw new SettingsException("chunk", "a chunk of " + Arrays.toString(chunkShape) + " holds " + chunkBytes()
                    + " bytes; at most 2 GiB is allowed, use smaller chunks");
        }
        if (writerThreads < 1 || writerThreads > 256) {
            throw new SettingsException("writerThreads", writerThreads + " is out of range; allowed: 1 to 256");
        }
        optionalPositive("pixelSizeUm", pixelSizeUm);
        optionalPositive("zStepUm", zStepUm);
        optionalPositive("intervalSeconds", intervalSeconds);
    }

    private void validateShards() {
        if (shardShape == null) {
            return;
        }
        if (format != ZarrFormat.V3) {
            throw new SettingsException("shard", "sharding needs format v3; Zarr v2 has no shards");
        }
        int[] sizes = arrayShape(1);
        for (Axis axis : Axis.values()) {
            int shard = shardShape[axis.dimension()];
            int chunk = chunkShape[axis.dimension()];
            if (shard < chunk || shard % chunk != 0) {
                throw new SettingsException("shard." + axis.letter(), shard + " is not allowed; a shard holds whole chunks: "
                        + "give a multiple of the chunk's " + chunk);
            }
            boolean growing = axis == Axis.TIME && timePoints == UNBOUNDED;
            int covering = (sizes[axis.dimension()] + chunk - 1) / chunk * chunk;
            if (!growing && shard > covering) {
                throw new SettingsException("shard." + axis.letter(), shard + " is larger than the array's "
                        + axis.letter() + " size " + sizes[axis.dimension()] + " needs; allowed: up to " + covering);
            }
        }
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new SettingsException(field, value + " is not allowed; give 1 or more");
        }
    }

    private static void optionalPositive(String field, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new SettingsException(field, value + " is not allowed; give a positive number or leave it unset");
        }
    }

    public Path output() { return output; }

    /** Time points, or {@link #UNBOUNDED}. */
    public int timePoints() { return timePoints; }

    public boolean isTimeUnbounded() { return timePoints == UNBOUNDED; }

    /** Acquisition channels (camera frames per time point and z slice). */
    public int channels() { return channels; }

    /** Channels in the stored array: {@link #channels()} times 3 for RGB. */
    public int storedChannels() { return channels * pixelType.storedChannelsPerFrame(); }

    public int zSlices() { return zSlices; }

    public int width() { return width; }

    public int height() { return height; }

    public PixelType pixelType() { return pixelType; }

    /** Chunk extents along t, c, z, y, x. */
    public int[] chunkShape() { return chunkShape.clone(); }

    public int chunk(Axis axis) { return chunkShape[axis.dimension()]; }

    /** Bytes of one uncompressed chunk. */
    public long chunkBytes() {
        long samples = 1;
        for (int extent : chunkShape) {
            samples *= extent;
        }
        return samples * pixelType.bytesPerSample();
    }

    /** Bytes of one camera frame as delivered. */
    public int frameBytes() {
        return Math.toIntExact((long) width * height * pixelType.inputBytesPerPixel());
    }

    /**
     * The stored array's shape, t first; an unbounded time axis is reported as {@code timeExtent}.
     */
    public int[] arrayShape(int timeExtent) {
        return new int[] {isTimeUnbounded() ? timeExtent : timePoints, storedChannels(), zSlices, height, width};
    }

    public CodecSpec codec() { return codec; }

    public int writerThreads() { return writerThreads; }

    public long memoryBudgetBytes() { return memoryBudgetBytes; }

    public BackPressurePolicy backPressure() { return backPressure; }

    public AcquisitionOrder order() { return order; }

    /** Pixel size in µm, or {@code null} when unknown. */
    public Double pixelSizeUm() { return pixelSizeUm; }

    /** Z step in µm, or {@code null} when unknown. */
    public Double zStepUm() { return zStepUm; }

    /** Time between time points in seconds, or {@code null} when unknown. */
    public Double intervalSeconds() { return intervalSeconds; }

    public ZarrFormat format() { return format; }

    /** Shard extents along t, c, z, y, x (multiples of the chunk shape), or {@code null} when not sharded. */
    public int[] shardShape() { return shardShape == null ? null : shardShape.clone(); }

    public boolean isSharded() { return shardShape != null; }

    /** How the memory budget is divided between ring slots, chunk buffers and codec buffers. */
    public MemoryPlan memoryPlan() { return memoryPlan; }

    /** Builds {@link WriterSettings}. Output, width and height are required. */
    public static final class Builder {
        private Path output;
        private int timePoints = 1;
        private int channels = 1;
        private int zSlices = 1;
        private int width;
        private int height;
        private PixelType pixelType = PixelType.UINT16;
        private int[] chunkShape;
        private CodecSpec codec = CodecSpec.parse("blosc-lz4", null, null);
        private int writerThreads = Runtime.getRuntime().availableProcessors();
        private long memoryBudgetBytes = DEFAULT_MEMORY_BUDGET;
        private BackPressurePolicy backPressure = BackPressurePolicy.BLOCK;
        private AcquisitionOrder order = AcquisitionOrder.defaultOrder();
        private Double pixelSizeUm;
        private Double zStepUm;
        private Double intervalSeconds;
        private ZarrFormat format = ZarrFormat.V3;
        private int[] shardShape;
        private boolean unsharded;

        /** The dataset folder, e.g. {@code run1.ome.zarr}; created if missing. */
        public Builder output(Path value) { output = value; return this; }

        /** Time points, or {@link WriterSettings#UNBOUNDED} for an open-ended time-lapse. */
        public Builder timePoints(int value) { timePoints = value; return this; }

        public Builder channels(int value) { channels = value; return this; }

        public Builder zSlices(int value) { zSlices = value; return this; }

        public Builder frameSize(int frameWidth, int frameHeight) {
            width = frameWidth;
            height = frameHeight;
            return this;
        }

        public Builder pixelType(PixelType value) { pixelType = value; return this; }

        /** Chunk extents along t, c, z, y, x; default one plane per chunk. */
        public Builder chunkShape(int t, int c, int z, int y, int x) {
            chunkShape = new int[] {t, c, z, y, x};
            return this;
        }

        public Builder codec(CodecSpec value) { codec = Objects.requireNonNull(value, "codec"); return this; }

        /** Threads that compress and write chunks; default one per core. */
        public Builder writerThreads(int value) { writerThreads = value; return this; }

        /** Memory for ring slots, partly filled chunks and codec buffers together. */
        public Builder memoryBudgetBytes(long value) { memoryBudgetBytes = value; return this; }

        public Builder backPressure(BackPressurePolicy value) { backPressure = Objects.requireNonNull(value); return this; }

        public Builder order(AcquisitionOrder value) { order = Objects.requireNonNull(value); return this; }

        public Builder pixelSizeUm(Double value) { pixelSizeUm = value; return this; }

        public Builder zStepUm(Double value) { zStepUm = value; return this; }

        public Builder intervalSeconds(Double value) { intervalSeconds = value; return this; }

        /** Zarr v3 + OME-NGFF 0.5 (default) or Zarr v2 + OME-NGFF 0.4 (for older readers). */
        public Builder format(ZarrFormat value) { format = Objects.requireNonNull(value, "format"); return this; }

        /**
         * Shards of t, c, z, y, x elements, each a multiple of the chunk shape (Zarr v3 only): one
         * file holds many chunks. Default for v3: the automatic shape of {@link ShardPlanner}.
         */
        public Builder shardShape(int t, int c, int z, int y, int x) {
            shardShape = new int[] {t, c, z, y, x};
            unsharded = false;
            return this;
        }

        /** No shards: one file per chunk, also in Zarr v3. */
        public Builder unsharded() {
            shardShape = null;
            unsharded = true;
            return this;
        }

        public WriterSettings build() {
            return new WriterSettings(this);
        }
    }
}
