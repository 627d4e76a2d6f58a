package org.zarrscope.micromanager.mda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameRejectedException;
import org.zarrscope.SettingsException;

/**
 * Translates Micro-Manager image coordinates (axis name → index, as mmstudio's {@code Coords}
 * and AcqEngJ's {@code Axes} give them) into the dataset's {@link FrameCoordinates}, and back.
 * A missing axis means index 0, as in Micro-Manager; the axes themselves come from the run's
 * summary, never from one image (Micro-Manager drops axes whose index is 0). Whatever order
 * the MDA visits them in, an image lands at the same place.
 *
 * <p>Only {@code time}, {@code position}, {@code z} and {@code channel} are stored; any other axis
 * (a custom axis, AcqEngJ's {@code row}/{@code column} of a tiled acquisition, {@code camera}
 * of a multi-camera set-up) is refused with an error naming it.
 */
public final class MdaCoordinates {
    private final List<String> axes;

    /** @throws SettingsException if the summary lists an axis other than the four stored ones */
    public MdaCoordinates(MdaSummary summary) {
        this.axes = axesOf(summary);
    }

    /**
     * The summary's axes, outermost first; without an axis order Micro-Manager's default
     * (time, position, z, channel) is taken.
     */
    static List<String> axesOf(MdaSummary summary) {
        List<String> axes = summary.orderedAxes().isEmpty() ? MdaSummary.STANDARD_AXES : summary.orderedAxes();
        for (String axis : axes) {
            if (!MdaSummary.STANDARD_AXES.contains(axis)) {
                throw new SettingsException("axes", "the acquisition has an axis '" + axis + "', which cannot be "
                        + "saved as OME-Zarr; allowed: " + MdaSummary.STANDARD_AXES);
            }
        }
        for (String axis : summary.intendedDimensions().keySet()) {
            if (summary.intended(axis) <= 1 || axes.contains(axis)) {
                continue;
            }
            throw new SettingsException("axes", MdaSummary.STANDARD_AXES.contains(axis)
                    ? "the axis order " + axes + " lacks '" + axis + "', which has " + summary.intended(axis) + " images"
                    : "the acquisition has " + summary.intended(axis) + " images along '" + axis
                            + "', which cannot be saved as OME-Zarr; allowed axes: " + MdaSummary.STANDARD_AXES);
        }
        return axes;
    }

    /** The axes images are placed along, outermost first. */
    public List<String> axes() {
        return axes;
    }

    /**
     * Where an image with these Micro-Manager coordinates goes.
     *
     * @throws FrameRejectedException for an unknown axis or a negative index
     */
    public FrameCoordinates toFrame(Map<String, Integer> coordinates) {
        int time = 0;
        int position = 0;
        int z = 0;
        int channel = 0;
        for (Map.Entry<String, Integer> entry : coordinates.entrySet()) {
            String axis = entry.getKey();
            Integer index = entry.getValue();
            if (index == null || index < 0) {
                throw new FrameRejectedException("image at " + coordinates + ": index " + index + " along '" + axis
                        + "' is not allowed; give 0 or more");
            }
            switch (axis) {
                case MdaSummary.TIME: time = index; break;
                case MdaSummary.POSITION: position = index; break;
                case MdaSummary.Z: z = index; break;
                case MdaSummary.CHANNEL: channel = index; break;
                default:
                    throw new FrameRejectedException("image at " + coordinates + " has an axis '" + axis
                            + "', which cannot be saved as OME-Zarr; allowed: " + MdaSummary.STANDARD_AXES);
            }
        }
        return FrameCoordinates.at(position, time, channel, z);
    }

    /** Micro-Manager coordinates of a frame: every axis of the summary, outermost first, zeros included. */
    public Map<String, Integer> toAxes(FrameCoordinates frame) {
        Map<String, Integer> coordinates = new LinkedHashMap<>();
        for (String axis : axes) {
            coordinates.put(axis, index(frame, axis));
        }
        return coordinates;
    }

    /** A frame's index along one of the four stored axes. */
    static int index(FrameCoordinates frame, String axis) {
        switch (axis) {
            case MdaSummary.TIME: return frame.time();
            case MdaSummary.POSITION: return frame.position();
            case MdaSummary.Z: return frame.z();
            case MdaSummary.CHANNEL: return frame.channel();
            default: throw new IllegalArgumentException("'" + axis + "' is not one of " + MdaSummary.STANDARD_AXES);
        }
    }
}
