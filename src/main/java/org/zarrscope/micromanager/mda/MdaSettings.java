package org.zarrscope.micromanager.mda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.AcquisitionSummary;
import org.zarrscope.ChannelInfo;
import org.zarrscope.SettingsException;
import org.zarrscope.StagePosition;
import org.zarrscope.WriterSettings;

/**
 * The writer settings of a Micro-Manager run: sizes, channels, positions, scales and order from
 * its {@link MdaSummary}, storage choices from the user's {@link SaveOptions}.
 *
 * <ul>
 *   <li>Time points: the intended count; when the summary declares none (0 or missing, as for a
 *       script, or AcqEngJ, which learns axes image by image) the time axis is open-ended and
 *       grows with the images. Position, z and channel counts must be known before the first
 *       image: missing ones are 1 (channels: the number of channel names, positions: the number
 *       of stage positions, when those are given).</li>
 *   <li>Channels are named and coloured from the summary (a channel without a name is
 *       {@code Channel <c>}, one without colour, or with Micro-Manager's default grey or white, is
 *       coloured by the writer: after the dye its name names, else from its palette); positions keep their
 *       names and stage coordinates (a position without an entry in the position list is
 *       {@code Pos<p>}, Micro-Manager's default label). A single position without a name is named
 *       after the dataset, as the writer does.</li>
 *   <li>Pixel size, z step and interval become physical scales when positive (Micro-Manager
 *       writes 0 for "unknown" and "as fast as possible"); a z step going down keeps its size.</li>
 *   <li>The acquisition order is the summary's axis order, outermost first; axes it lacks are
 *       placed innermost, where they have a single index.</li>
 * </ul>
 */
public final class MdaSettings {
    /** Micro-Manager's label of a position the position list leaves unnamed: Pos0, Pos1, … */
    private static final String DEFAULT_POSITION_LABEL = "Pos";
    /** A channel the summary leaves unnamed: Channel 0, Channel 1, … (the writer's own default). */
    private static final String DEFAULT_CHANNEL_NAME = "Channel ";
    /**
     * Colours Micro-Manager reports for a channel nobody coloured: grey, {@code ChannelSpec}'s
     * default (so every channel of a Studio MDA whose channel table left it), and white, the
     * display settings' default. They would hide the colour the channel's name implies.
     */
    private static final Set<Integer> UNCHOSEN_COLOURS = Set.of(0x808080, 0xFFFFFF);
    /** 1 PiB: larger budgets in MiB would overflow in bytes. */
    private static final long MAX_MEMORY_MIB = 1L << 30;

    private MdaSettings() {
    }

    /**
     * Settings for writing the run described by {@code summary} to {@code output}.
     *
     * @throws SettingsException naming what is missing or not allowed (e.g. no frame size, a custom axis)
     */
    public static WriterSettings writerSettings(MdaSummary summary, SaveOptions options, Path output) {
        WriterSettings.Builder builder = describeRun(summary, WriterSettings.builder().output(output));
        if (options.memoryMiB() < 1 || options.memoryMiB() > MAX_MEMORY_MIB) {
            throw new SettingsException("memoryBudget", options.memoryMiB() + " MiB is out of range; allowed: 1 to "
                    + MAX_MEMORY_MIB);
        }
        builder.format(options.format())
                .codec(options.codec())
                .memoryBudgetBytes(options.memoryMiB() << 20);
        int[] chunk = options.chunkShape();
        if (chunk != null) {
            builder.chunkShape(chunk[0], chunk[1], chunk[2], chunk[3], chunk[4]);
        }
        int[] shard = options.shardShape();
        if (options.unsharded()) {
            builder.unsharded();
        } else if (shard != null) {
            builder.shardShape(shard[0], shard[1], shard[2], shard[3], shard[4]);
        }
        if (options.writerThreads() != null) {
            builder.writerThreads(options.writerThreads());
        }
        return builder.build();
    }

    /**
     * Sets what {@code summary} says about the run on {@code builder}: sizes, pixel type, order,
     * scales, channels, positions and the run summary; storage choices (codec, chunks, format, …)
     * are left as the builder has them. For callers whose storage choices come from elsewhere,
     * such as the command line's writer flags.
     *
     * @throws SettingsException naming what is missing or not allowed (e.g. no frame size, a custom axis)
     */
    public static WriterSettings.Builder describeRun(MdaSummary summary, WriterSettings.Builder builder) {
        List<String> axes = MdaCoordinates.axesOf(summary);
        if (summary.width() == null || summary.height() == null) {
            throw new SettingsException("frameSize", "the acquisition's summary gives no image width and height");
        }
        if (summary.pixelType() == null) {
            throw new SettingsException("pixelType", "the acquisition's summary gives no pixel type; allowed: GRAY8, "
                    + "GRAY16, GRAY32, RGB32");
        }
        int channels = count(summary, MdaSummary.CHANNEL, summary.channelNames().size());
        int positions = count(summary, MdaSummary.POSITION, summary.stagePositions().size());
        int timePoints = summary.intended(MdaSummary.TIME);
        builder.timePoints(timePoints > 0 ? timePoints : WriterSettings.UNBOUNDED)
                .channels(channels)
                .zSlices(count(summary, MdaSummary.Z, 0))
                .frameSize(summary.width(), summary.height())
                .pixelType(summary.pixelType().stored())
                .order(order(axes))
                .pixelSizeUm(positive(summary.pixelSizeUm()))
                .pixelSizeAffine(calibrated(summary.pixelSizeAffine()))
                .zStepUm(summary.zStepUm() == null ? null : positive(Math.abs(summary.zStepUm())))
                .intervalSeconds(summary.intervalMs() == null || !(summary.intervalMs() > 0) ? null
                        : summary.intervalMs() / 1000)
                .summary(runSummary(summary));
        if (positions > 1 || !summary.stagePositions().isEmpty()) {
            builder.positions(positions(summary, positions));
        }
        if (!summary.channelNames().isEmpty()) {
            builder.channelInfo(channelInfo(summary, channels));
        }
        return builder;
    }

    /** The intended count along {@code axis}, else {@code listed} (names, positions) when given, else 1. */
    private static int count(MdaSummary summary, String axis, int listed) {
        int intended = summary.intended(axis);
        return intended > 0 ? intended : Math.max(listed, 1);
    }

    /**
     * The acquisition order of Micro-Manager axes, outermost first, e.g. {@code [time, position,
     * z, channel]} is {@code tpzcyx}; t, c or z missing from the list go innermost.
     */
    public static AcquisitionOrder order(List<String> axes) {
        StringBuilder letters = new StringBuilder();
        for (String axis : axes) {
            letters.append(letter(axis));
        }
        for (char letter : new char[] {'t', 'c', 'z'}) {
            if (letters.indexOf(String.valueOf(letter)) < 0) {
                letters.append(letter);
            }
        }
        return AcquisitionOrder.parse(letters.append("yx").toString());
    }

    private static char letter(String axis) {
        switch (axis) {
            case MdaSummary.TIME: return 't';
            case MdaSummary.POSITION: return 'p';
            case MdaSummary.Z: return 'z';
            case MdaSummary.CHANNEL: return 'c';
            default: throw new SettingsException("axes", "'" + axis + "' is not one of " + MdaSummary.STANDARD_AXES);
        }
    }

    private static List<StagePosition> positions(MdaSummary summary, int count) {
        List<StagePosition> positions = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            positions.add(p < summary.stagePositions().size() ? summary.stagePositions().get(p)
                    : StagePosition.named(DEFAULT_POSITION_LABEL + p));
        }
        return positions;
    }

    private static List<ChannelInfo> channelInfo(MdaSummary summary, int count) {
        List<ChannelInfo> channels = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String name = c < summary.channelNames().size() ? summary.channelNames().get(c) : null;
            if (name == null || name.isEmpty()) { // AcqEngJ names a channel without preset ""
                name = DEFAULT_CHANNEL_NAME + c;
            }
            Integer rgb = c < summary.channelColors().size() ? summary.channelColors().get(c) : null;
            channels.add(new ChannelInfo(name, rgb == null || UNCHOSEN_COLOURS.contains(rgb) ? null : rgb));
        }
        return channels;
    }

    private static AcquisitionSummary runSummary(MdaSummary summary) {
        AcquisitionSummary.Builder b = AcquisitionSummary.builder()
                .channelGroup(summary.channelGroup())
                .startTime(summary.startDate())
                .prefix(summary.prefix())
                .directory(summary.directory());
        summary.userData().forEach(b::userData);
        return b.build();
    }

    private static Double positive(Double value) {
        return value != null && value > 0 ? value : null;
    }

    /** Micro-Manager reports an uncalibrated affine as all zeros: no affine. */
    private static double[] calibrated(double[] affine) {
        if (affine == null) {
            return null;
        }
        for (double value : affine) {
            if (value != 0) {
                return affine;
            }
        }
        return null;
    }
}
