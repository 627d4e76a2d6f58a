package org.zarrscope.micromanager.acqengj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameRejectedException;
import org.zarrscope.micromanager.mda.MdaCoordinates;
import org.zarrscope.micromanager.mda.MdaJson;
import org.zarrscope.micromanager.mda.MdaSummary;

/**
 * Places AcqEngJ images: their {@code Axes} (as {@link MdaJson#axes} reads them) as dataset
 * coordinates. AcqEngJ names a channel by its preset, not by a number: the name's place among the
 * run's channel names is its index, and a name not declared takes the next free index, in the
 * order channels first appear, up to the declared channel count. Used by the live AcqEngJ route
 * and by the NDTiff conversion (NDTiff keeps AcqEngJ's axes), so both place an image alike.
 */
public final class AcqEngJAxes {
    private final MdaCoordinates coordinates;
    private final List<String> channelNames;
    private final int channels;

    /** @param channels the dataset's channel count: names beyond it are refused */
    public AcqEngJAxes(MdaSummary summary, int channels) {
        this.coordinates = new MdaCoordinates(summary);
        this.channelNames = new ArrayList<>(summary.channelNames());
        this.channels = channels;
    }

    /**
     * Where the image with these axes goes.
     *
     * @throws FrameRejectedException for an index that is not a number, a channel beyond the
     *                                declared count, an axis Zarrscope does not store
     */
    public FrameCoordinates toFrame(Map<String, Object> axes) {
        Map<String, Integer> indices = new LinkedHashMap<>();
        for (Map.Entry<String, Object> axis : axes.entrySet()) {
            Object value = axis.getValue();
            if (value instanceof Number) {
                indices.put(axis.getKey(), ((Number) value).intValue());
            } else if (MdaSummary.CHANNEL.equals(axis.getKey())) {
                indices.put(axis.getKey(), channelIndex(value.toString(), axes));
            } else {
                throw new FrameRejectedException("image at " + axes + ": the index '" + value + "' along '"
                        + axis.getKey() + "' is not a number");
            }
        }
        return coordinates.toFrame(indices);
    }

    private int channelIndex(String name, Map<String, Object> axes) {
        int index = channelNames.indexOf(name);
        if (index >= 0) {
            return index;
        }
        if (channelNames.size() >= channels) {
            throw new FrameRejectedException("image at " + axes + ": channel '" + name + "' is not among the "
                    + channels + " declared (" + channelNames + "); declare every channel before the acquisition");
        }
        channelNames.add(name);
        return channelNames.size() - 1;
    }
}
