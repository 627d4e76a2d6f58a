package org.zarrscope.micromanager.mda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zarrscope.StagePosition;

/**
 * What Micro-Manager says about a run before its first image: the axes in acquisition order,
 * how many images each axis is meant to have, channels, z step, interval, stage positions, pixel
 * size, camera frame and where the data goes. A plain description with no Micro-Manager types:
 * the mmstudio adapter fills it from {@code SummaryMetadata} field by field, {@link MdaJson}
 * from the JSON summary of MMCore, the MDA and AcqEngJ.
 *
 * <p>Every field is optional ({@code null}, or empty for lists and maps); {@link MdaSettings}
 * says which ones a dataset needs.
 */
public final class MdaSummary {
    /** Micro-Manager's axis names, as in {@code Coords} and AcqEngJ's {@code Axes}. */
    public static final String TIME = "time";
    public static final String POSITION = "position";
    public static final String Z = "z";
    public static final String CHANNEL = "channel";
    /** The axes Zarrscope stores; any other axis is refused. */
    public static final List<String> STANDARD_AXES = Collections.unmodifiableList(Arrays.asList(TIME, POSITION, Z, CHANNEL));

    private final List<String> orderedAxes;
    private final Map<String, Integer> intendedDimensions;
    private final String channelGroup;
    private final List<String> channelNames;
    private final List<Integer> channelColors;
    private final Double zStepUm;
    private final Double intervalMs;
    private final List<StagePosition> stagePositions;
    private final Double pixelSizeUm;
    private final double[] pixelSizeAffine;
    private final Integer width;
    private final Integer height;
    private final MdaPixelType pixelType;
    private final String prefix;
    private final String directory;
    private final String startDate;
    private final Map<String, String> userData;

    private MdaSummary(Builder b) {
        orderedAxes = Collections.unmodifiableList(new ArrayList<>(b.orderedAxes));
        intendedDimensions = Collections.unmodifiableMap(new LinkedHashMap<>(b.intendedDimensions));
        channelGroup = b.channelGroup;
        channelNames = Collections.unmodifiableList(new ArrayList<>(b.channelNames));
        channelColors = Collections.unmodifiableList(new ArrayList<>(b.channelColors));
        zStepUm = b.zStepUm;
        intervalMs = b.intervalMs;
        stagePositions = Collections.unmodifiableList(new ArrayList<>(b.stagePositions));
        pixelSizeUm = b.pixelSizeUm;
        pixelSizeAffine = b.pixelSizeAffine == null ? null : b.pixelSizeAffine.clone();
        width = b.width;
        height = b.height;
        pixelType = b.pixelType;
        prefix = b.prefix;
        directory = b.directory;
        startDate = b.startDate;
        userData = Collections.unmodifiableMap(new LinkedHashMap<>(b.userData));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this summary's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.orderedAxes.addAll(orderedAxes);
        b.intendedDimensions.putAll(intendedDimensions);
        b.channelGroup = channelGroup;
        b.channelNames.addAll(channelNames);
        b.channelColors.addAll(channelColors);
        b.zStepUm = zStepUm;
        b.intervalMs = intervalMs;
        b.stagePositions.addAll(stagePositions);
        b.pixelSizeUm = pixelSizeUm;
        b.pixelSizeAffine = pixelSizeAffine;
        b.width = width;
        b.height = height;
        b.pixelType = pixelType;
        b.prefix = prefix;
        b.directory = directory;
        b.startDate = startDate;
        b.userData.putAll(userData);
        return b;
    }

    /** The axes outermost first, e.g. {@code [time, position, z, channel]} (Micro-Manager's default order). */
    public List<String> orderedAxes() { return orderedAxes; }

    /** Images meant along each axis; a missing axis, or 0, means not declared. */
    public Map<String, Integer> intendedDimensions() { return intendedDimensions; }

    /** The images meant along {@code axis}, or 0 when not declared. */
    public int intended(String axis) {
        Integer count = intendedDimensions.get(axis);
        return count == null ? 0 : count;
    }

    public String channelGroup() { return channelGroup; }

    public List<String> channelNames() { return channelNames; }

    /** Display colours as 0xRRGGBB, one per channel, {@code null} where none was given. */
    public List<Integer> channelColors() { return channelColors; }

    public Double zStepUm() { return zStepUm; }

    /** Time between time points in ms. */
    public Double intervalMs() { return intervalMs; }

    public List<StagePosition> stagePositions() { return stagePositions; }

    public Double pixelSizeUm() { return pixelSizeUm; }

    /** Micro-Manager's pixel-size affine {@code a, b, tx, c, d, ty} (stage µm from camera pixels), or {@code null}. */
    public double[] pixelSizeAffine() { return pixelSizeAffine == null ? null : pixelSizeAffine.clone(); }

    /** Camera frame width in pixels. */
    public Integer width() { return width; }

    public Integer height() { return height; }

    public MdaPixelType pixelType() { return pixelType; }

    public String prefix() { return prefix; }

    public String directory() { return directory; }

    public String startDate() { return startDate; }

    public Map<String, String> userData() { return userData; }

    /** Builds an {@link MdaSummary}; unset fields stay {@code null} or empty. */
    public static final class Builder {
        private final List<String> orderedAxes = new ArrayList<>();
        private final Map<String, Integer> intendedDimensions = new LinkedHashMap<>();
        private String channelGroup;
        private final List<String> channelNames = new ArrayList<>();
        private final List<Integer> channelColors = new ArrayList<>();
        private Double zStepUm;
        private Double intervalMs;
        private final List<StagePosition> stagePositions = new ArrayList<>();
        private Double pixelSizeUm;
        private double[] pixelSizeAffine;
        private Integer width;
        private Integer height;
        private MdaPixelType pixelType;
        private String prefix;
        private String directory;
        private String startDate;
        private final Map<String, String> userData = new LinkedHashMap<>();

        private Builder() {
        }

        /** The axes outermost first; replaces any given before. */
        public Builder orderedAxes(List<String> axes) {
            orderedAxes.clear();
            orderedAxes.addAll(axes);
            return this;
        }

        public Builder orderedAxes(String... axes) { return orderedAxes(Arrays.asList(axes)); }

        public Builder intended(String axis, int count) { intendedDimensions.put(axis, count); return this; }

        public Builder channelGroup(String value) { channelGroup = value; return this; }

        /** Adds a channel; {@code rgb} is 0xRRGGBB (higher bits, e.g. Java's alpha, are ignored) or {@code null}. */
        public Builder channel(String name, Integer rgb) {
            channelNames.add(name);
            channelColors.add(rgb == null ? null : rgb & 0xFFFFFF);
            return this;
        }

        public Builder zStepUm(Double value) { zStepUm = value; return this; }

        public Builder intervalMs(Double value) { intervalMs = value; return this; }

        public Builder stagePosition(StagePosition position) { stagePositions.add(position); return this; }

        public Builder pixelSizeUm(Double value) { pixelSizeUm = value; return this; }

        /** Micro-Manager's pixel-size affine {@code a, b, tx, c, d, ty}, or {@code null}. */
        public Builder pixelSizeAffine(double[] sixValues) {
            if (sixValues != null && sixValues.length != 6) {
                throw new IllegalArgumentException("a pixel-size affine has 6 values (a, b, tx, c, d, ty), not "
                        + sixValues.length);
            }
            pixelSizeAffine = sixValues == null ? null : sixValues.clone();
            return this;
        }

        public Builder frameSize(int frameWidth, int frameHeight) {
            width = frameWidth;
            height = frameHeight;
            return this;
        }

        public Builder pixelType(MdaPixelType value) { pixelType = value; return this; }

        public Builder prefix(String value) { prefix = value; return this; }

        public Builder directory(String value) { directory = value; return this; }

        public Builder startDate(String value) { startDate = value; return this; }

        public Builder userData(String key, String value) { userData.put(key, value); return this; }

        public MdaSummary build() { return new MdaSummary(this); }
    }
}
