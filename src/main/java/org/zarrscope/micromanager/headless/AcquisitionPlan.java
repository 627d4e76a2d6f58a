package org.zarrscope.micromanager.headless;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.ChannelInfo;
import org.zarrscope.SettingsException;
import org.zarrscope.StagePosition;
import org.zarrscope.micromanager.headless.PositionListFile.ListedPosition;

/**
 * What a headless acquisition acquires: time points and their interval, the presets of a
 * channel group, z-stack offsets around the focus, stage positions, and the order of the loops.
 * Validated when built; the errors name the flag-like setting.
 */
public final class AcquisitionPlan {
    private final int timePoints;
    private final double intervalMs;
    private final String channelGroup;
    private final List<String> channels;
    private final double[] zOffsetsUm;
    private final List<ListedPosition> positions;
    private final AcquisitionOrder order;

    private AcquisitionPlan(Builder builder) {
        timePoints = builder.timePoints;
        intervalMs = builder.intervalMs;
        channelGroup = builder.channelGroup;
        channels = Collections.unmodifiableList(new ArrayList<>(builder.channels));
        zOffsetsUm = builder.zOffsetsUm.clone();
        positions = Collections.unmodifiableList(new ArrayList<>(builder.positions));
        order = builder.order;
        if (timePoints < 1) {
            throw new SettingsException("frames", timePoints + " time points; give 1 or more");
        }
        if (!(intervalMs >= 0)) {
            throw new SettingsException("interval-ms", intervalMs + " is not an interval; give 0 (as fast as the camera "
                    + "goes) or more milliseconds");
        }
        if (!channels.isEmpty() && (channelGroup == null || channelGroup.isEmpty())) {
            throw new SettingsException("channel-group", "channels " + channels + " need the configuration group "
                    + "their presets belong to, e.g. Channel");
        }
        if (channels.size() != channels.stream().distinct().count()) {
            throw new SettingsException("channels", channels + " names a preset twice");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int timePoints() {
        return timePoints;
    }

    /** Time between time points in ms; 0 for as fast as the camera goes. */
    public double intervalMs() {
        return intervalMs;
    }

    /** The configuration group of the channel presets, or null when the channel is not switched. */
    public String channelGroup() {
        return channelGroup;
    }

    /** Channel presets in acquisition order; empty when the channel is not switched. */
    public List<String> channels() {
        return channels;
    }

    /** Channels in the dataset: one per preset, or one. */
    public int channelCount() {
        return Math.max(1, channels.size());
    }

    /** Z offsets from the focus position in µm, one per slice; empty for no z-stack. */
    public double[] zOffsetsUm() {
        return zOffsetsUm.clone();
    }

    /** Z slices in the dataset. */
    public int zSlices() {
        return Math.max(1, zOffsetsUm.length);
    }

    /** Stage positions to visit; empty to stay where the stages are. */
    public List<ListedPosition> positions() {
        return positions;
    }

    /** Stage positions in the dataset. */
    public int positionCount() {
        return Math.max(1, positions.size());
    }

    public AcquisitionOrder order() {
        return order;
    }

    /** Frames the whole acquisition takes. */
    public long totalFrames() {
        return (long) timePoints * channelCount() * zSlices() * positionCount();
    }

    /** The dataset's channels: named after the presets (colours from the writer's palette), or one unnamed. */
    public List<ChannelInfo> channelInfo() {
        List<ChannelInfo> info = new ArrayList<>();
        for (String preset : channels) {
            info.add(new ChannelInfo(preset, null));
        }
        return info;
    }

    /** The dataset's stage positions with the coordinates the list gives; one unnamed position without a list. */
    public List<StagePosition> stagePositions(String focusDevice) {
        List<StagePosition> stage = new ArrayList<>();
        for (ListedPosition position : positions) {
            stage.add(position.toStagePosition(focusDevice));
        }
        return stage;
    }

    /** Builds an {@link AcquisitionPlan}; by default one time point, no channels, no stack, no positions. */
    public static final class Builder {
        private int timePoints = 1;
        private double intervalMs;
        private String channelGroup;
        private List<String> channels = Collections.emptyList();
        private double[] zOffsetsUm = new double[0];
        private List<ListedPosition> positions = Collections.emptyList();
        private AcquisitionOrder order = AcquisitionOrder.defaultOrder();

        public Builder timePoints(int value) { timePoints = value; return this; }

        public Builder intervalMs(double value) { intervalMs = value; return this; }

        /** Presets of {@code group} to acquire, one channel each. */
        public Builder channels(String group, List<String> presets) {
            channelGroup = group;
            channels = Objects.requireNonNull(presets, "presets");
            return this;
        }

        /** A z-stack of {@code slices} slices from {@code startUm} in steps of {@code stepUm}, relative to the focus position. */
        public Builder zStack(double startUm, double stepUm, int slices) {
            if (slices < 1) {
                throw new SettingsException("slices", slices + " slices; give 1 or more");
            }
            zOffsetsUm = new double[slices];
            for (int i = 0; i < slices; i++) {
                zOffsetsUm[i] = startUm + i * stepUm;
            }
            return this;
        }

        public Builder positions(List<ListedPosition> value) { positions = Objects.requireNonNull(value); return this; }

        public Builder order(AcquisitionOrder value) { order = Objects.requireNonNull(value); return this; }

        public AcquisitionPlan build() {
            return new AcquisitionPlan(this);
        }
    }
}
