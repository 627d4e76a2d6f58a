package org.zarrscope;

import static org.zarrscope.SettingsValidation.checkChunks;
import static org.zarrscope.SettingsValidation.checkFrameCount;
import static org.zarrscope.SettingsValidation.checkPositions;
import static org.zarrscope.SettingsValidation.checkShards;
import static org.zarrscope.SettingsValidation.optionalPositive;
import static org.zarrscope.SettingsValidation.positive;
import static org.zarrscope.SettingsValidation.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.ngff.PlateLayout;
import org.zarrscope.plan.MemoryPlan;
import org.zarrscope.plan.ShardPlanner;
import org.zarrscope.plan.WriterPlan;
import org.zarrscope.pyramid.Downsampling;
import org.zarrscope.pyramid.PyramidLevels;
import org.zarrscope.pyramid.ResolutionLevels;
import org.zarrscope.zarr.ArrayLayout;

/**
 * Everything a dataset is written with, as the user gave it: an immutable value, validated as a
 * whole by {@link Builder#build()}, which throws {@link SettingsException} naming the field and
 * the allowed values. What follows from it (each level's array layout, automatic shards, the
 * memory plan) is derived by {@link #plan()} when a writer opens, and may refuse the settings
 * there with the same kind of error: a budget too small for the acquisition order, say.
 *
 * <p>The stored array is 5-D {@code (t, c, z, y, x)}; for {@link PixelType#RGB8} its channel axis
 * holds three samples (R, G, B) per acquisition channel. The default format is Zarr v3 +
 * OME-NGFF 0.5 with automatic shards ({@link ShardPlanner}); choose {@link ZarrFormat#V2} for
 * readers that only know Zarr v2.
 */
public final class WriterSettings {
    /** {@link #timePoints()} of an open-ended time-lapse: the array grows as frames arrive. */
    public static final int UNBOUNDED = ArrayLayout.UNBOUNDED;
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
    private final boolean durable;
    private final AcquisitionOrder order;
    private final Double pixelSizeUm;
    private final Double zStepUm;
    private final Double intervalSeconds;
    private final ZarrFormat format;
    /** Shards the user gave, or {@code null}: then {@link #automaticShards} decides. */
    private final int[] requestedShards;
    private final boolean automaticShards;
    private final List<StagePosition> positions;
    private final List<ChannelInfo> channelInfo;
    private final double[] pixelSizeAffine;
    private final AcquisitionSummary summary;
    private final PyramidMode pyramid;
    private final int pyramidLevels;
    private final Downsampling downsampling;
    private final PlateLayout plate;

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
        durable = b.durable;
        order = b.order;
        pixelSizeUm = b.pixelSizeUm;
        zStepUm = b.zStepUm;
        intervalSeconds = b.intervalSeconds;
        format = b.format;
        positions = b.positions != null ? Collections.unmodifiableList(new ArrayList<>(b.positions))
                : Collections.singletonList(StagePosition.named(DefaultNames.image(output)));
        channelInfo = Collections.unmodifiableList(b.channelInfo != null ? new ArrayList<>(b.channelInfo)
                : DefaultNames.channels(channels));
        pixelSizeAffine = b.pixelSizeAffine == null ? null : b.pixelSizeAffine.clone();
        summary = b.summary;
        pyramid = b.pyramid;
        pyramidLevels = b.pyramidLevels;
        downsampling = b.downsampling;
        requestedShards = b.shardShape == null ? null : b.shardShape.clone();
        automaticShards = requestedShards == null && format == ZarrFormat.V3 && !b.unsharded;
        validate();
        plate = PlateLayout.fromPositionNames(DefaultNames.of(positions));
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
        Objects.requireNonNull(pixelType, "pixelType");
        checkChunks(requestedLayout());
        within("writerThreads", writerThreads, 1, 256, "1 to 256");
        optionalPositive("pixelSizeUm", pixelSizeUm);
        optionalPositive("zStepUm", zStepUm);
        optionalPositive("intervalSeconds", intervalSeconds);
        checkPositions(positions);
        checkFrameCount(timePoints, channels, zSlices, positions.size());
        if (channelInfo.size() != channels) {
            throw new SettingsException("channelInfo", channelInfo.size() + " channels described for " + channels
                    + " channels; describe each channel once, or leave channelInfo unset");
        }
        if (pixelSizeAffine != null && (pixelSizeAffine.length != 6 || !Arrays.stream(pixelSizeAffine).allMatch(Double::isFinite)
                || pixelSizeXUm() == 0 || pixelSizeYUm() == 0)) {
            throw new SettingsException("pixelSizeAffine", Arrays.toString(pixelSizeAffine) + " is not a pixel-size "
                    + "affine; give six finite numbers a, b, tx, c, d, ty with non-zero x and y steps (as Micro-Manager)");
        }
        within("pyramidLevels", pyramidLevels, 0, 30, "0 (automatic) to 30");
        checkShards(requestedLayout(), format);
    }

    public Path output() { return output; }

    /** The dataset's name: its folder without {@code .ome.zarr}. */
    public String datasetName() { return DefaultNames.image(output); }

    /** The stage positions, one image each; a single position named after the dataset by default. */
    public List<StagePosition> positions() { return positions; }

    public int positionCount() { return positions.size(); }

    /** The HCS plate the positions image, or {@code null} when they are not Micro-Manager HCS sites. */
    public PlateLayout plate() { return plate; }

    /** Names and colours of the camera channels, one each. */
    public List<ChannelInfo> channelInfo() { return channelInfo; }

    /** Micro-Manager's pixel-size affine {@code a, b, tx, c, d, ty}, or {@code null}. */
    public double[] pixelSizeAffine() { return pixelSizeAffine == null ? null : pixelSizeAffine.clone(); }

    /**
     * Pixel size along x in µm: the length of the affine's first column when given (non-square
     * pixels), else {@link #pixelSizeUm()}; along y, of its second column.
     */
    public Double pixelSizeXUm() {
        return pixelSizeAffine != null ? Double.valueOf(Math.hypot(pixelSizeAffine[0], pixelSizeAffine[3])) : pixelSizeUm;
    }

    public Double pixelSizeYUm() {
        return pixelSizeAffine != null ? Double.valueOf(Math.hypot(pixelSizeAffine[1], pixelSizeAffine[4])) : pixelSizeUm;
    }

    public AcquisitionSummary summary() { return summary; }

    public PyramidMode pyramid() { return pyramid; }

    /** The most pyramid levels beyond full resolution, or 0 to choose automatically. */
    public int pyramidLevels() { return pyramidLevels; }

    public Downsampling downsampling() { return downsampling; }

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
    public long chunkBytes() { return requestedLayout().chunkBytes(); }

    /** Bytes of one camera frame as delivered. */
    public int frameBytes() { return requestedLayout().frameBytes(); }

    /**
     * The stored array's shape, t first; an unbounded time axis is reported as {@code timeExtent}.
     */
    public int[] arrayShape(int timeExtent) { return requestedLayout().arrayShape(timeExtent); }

    /** The full-resolution array as given: automatic shards not yet chosen. */
    private ArrayLayout requestedLayout() {
        return new ArrayLayout(timePoints, storedChannels(), zSlices, height, width, pixelType, chunkShape,
                requestedShards, codec);
    }

    /** The full-resolution array: shape, chunks, shards (automatic ones chosen), pixel type, codec. */
    public ArrayLayout fullResolutionLayout() {
        ArrayLayout requested = requestedLayout();
        return automaticShards ? requested.withShards(ShardPlanner.plan(requested, order, intervalSeconds)) : requested;
    }

    /**
     * Derives what a writer is built from: every resolution level's array layout and the memory
     * plan. {@link AcquisitionWriter#open} calls it once; call it to check, before opening, that
     * the settings can be written (a budget too small for the acquisition order, too many shards
     * filled at once).
     *
     * @throws SettingsException naming {@code memoryBudget}, {@code chunk}, {@code shard} or {@code order}
     */
    public WriterPlan plan() {
        int levelCount = pyramid == PyramidMode.NONE ? 1 : PyramidLevels.plan(width, height, chunk(Axis.Y),
                chunk(Axis.X), pyramidLevels).count();
        ResolutionLevels levels = WriterPlan.levels(fullResolutionLayout(), levelCount, downsampling, order,
                intervalSeconds);
        return new WriterPlan(levels, MemoryPlan.of(levels, pyramid == PyramidMode.STREAMING, order, positions.size(),
                memoryBudgetBytes, writerThreads));
    }

    public CodecSpec codec() { return codec; }

    public int writerThreads() { return writerThreads; }

    public long memoryBudgetBytes() { return memoryBudgetBytes; }

    public BackPressurePolicy backPressure() { return backPressure; }

    /** Whether the dataset is forced to the disk to survive a power loss (see {@link Builder#durable}). */
    public boolean durable() { return durable; }

    public AcquisitionOrder order() { return order; }

    /** Pixel size in µm, or {@code null} when unknown. */
    public Double pixelSizeUm() { return pixelSizeUm; }

    /** Z step in µm, or {@code null} when unknown. */
    public Double zStepUm() { return zStepUm; }

    /** Time between time points in seconds, or {@code null} when unknown. */
    public Double intervalSeconds() { return intervalSeconds; }

    public ZarrFormat format() { return format; }

    /**
     * Full-resolution shard extents along t, c, z, y, x (multiples of the chunk shape), the
     * automatic ones ({@link ShardPlanner}) unless given; {@code null} when not sharded.
     */
    public int[] shardShape() { return fullResolutionLayout().shardShape(); }

    public boolean isSharded() { return requestedShards != null || automaticShards; }

    /** How the memory budget is divided: {@link #plan()}'s memory plan, derived again by each call. */
    public MemoryPlan memoryPlan() { return plan().memory(); }

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
        private boolean durable = true;
        private AcquisitionOrder order = AcquisitionOrder.defaultOrder();
        private Double pixelSizeUm;
        private Double zStepUm;
        private Double intervalSeconds;
        private ZarrFormat format = ZarrFormat.V3;
        private int[] shardShape;
        private boolean unsharded;
        private List<StagePosition> positions;
        private List<ChannelInfo> channelInfo;
        private double[] pixelSizeAffine;
        private AcquisitionSummary summary = AcquisitionSummary.NONE;
        private PyramidMode pyramid = PyramidMode.STREAMING;
        private int pyramidLevels;
        private Downsampling downsampling = Downsampling.MEAN;

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

        /**
         * Whether the dataset survives a power loss (default true): each shard is forced to the disk
         * before it is renamed into place, and every other file and folder once when the run ends.
         * Off saves that cost (docs/benchmarks.md) for data that a power loss may take.
         */
        public Builder durable(boolean value) { durable = value; return this; }

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

        /** The stage positions, in acquisition order: one image each (an HCS plate when named like {@code A1-Site_0}). */
        public Builder positions(List<StagePosition> value) { positions = Objects.requireNonNull(value, "positions"); return this; }

        /** Name and colour of each camera channel; default {@code Channel 0}, … with the palette's colours. */
        public Builder channelInfo(List<ChannelInfo> value) { channelInfo = Objects.requireNonNull(value, "channelInfo"); return this; }

        /**
         * Micro-Manager's pixel-size affine {@code a, b, tx, c, d, ty} (µm per pixel, possibly
         * non-square or rotated); its x and y steps become the scales of x and y, and the affine
         * itself is kept in the metadata.
         */
        public Builder pixelSizeAffine(double[] value) { pixelSizeAffine = value == null ? null : value.clone(); return this; }

        public Builder summary(AcquisitionSummary value) { summary = Objects.requireNonNull(value, "summary"); return this; }

        /** When to build the reduced resolution levels; default {@link PyramidMode#STREAMING}. */
        public Builder pyramid(PyramidMode value) { pyramid = Objects.requireNonNull(value, "pyramid"); return this; }

        /** The most pyramid levels beyond full resolution; 0 (default) halves until a level fits one chunk. */
        public Builder pyramidLevels(int value) { pyramidLevels = value; return this; }

        public Builder downsampling(Downsampling value) { downsampling = Objects.requireNonNull(value, "downsampling"); return this; }

        public WriterSettings build() {
            return new WriterSettings(this);
        }
    }
}
