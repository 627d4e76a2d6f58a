package org.zarrscope.ngff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;
import org.zarrscope.contrast.ContrastEstimator;
import org.zarrscope.contrast.ContrastWindow;
import org.zarrscope.zarr.ZarrJson;

/**
 * The transitional OME-NGFF {@code omero} block of an image group: how viewers (napari, vizarr,
 * Fiji/MoBIE, OMERO) show each stored channel: its label, colour ({@link ChannelDisplay}) and
 * contrast window ({@link ContrastEstimator}). Lives beside {@code multiscales} (OME-NGFF 0.4:
 * in {@code .zattrs}; 0.5: under {@code ome}).
 */
public final class OmeroMetadata {
    private OmeroMetadata() {
    }

    /**
     * The block for an image written with these settings.
     *
     * @param windows one per stored channel (from {@link ContrastEstimator#windows()}), or
     *                {@code null} before any data is known: then every window spans the pixel type
     */
    public static ObjectNode of(WriterSettings settings, List<ContrastWindow> windows) {
        List<ChannelDisplay> channels = ChannelDisplay.of(settings);
        if (windows != null && windows.size() != channels.size()) {
            throw new IllegalArgumentException(windows.size() + " contrast windows for " + channels.size()
                    + " stored channels");
        }
        boolean integer = settings.pixelType() != PixelType.FLOAT32;
        ObjectNode omero = ZarrJson.MAPPER.createObjectNode();
        ArrayNode entries = omero.putArray("channels");
        for (int c = 0; c < channels.size(); c++) {
            ChannelDisplay channel = channels.get(c);
            ContrastWindow window = windows == null ? ContrastWindow.fullRange(settings.pixelType()) : windows.get(c);
            ObjectNode entry = entries.addObject();
            entry.put("label", channel.name());
            entry.put("color", channel.hex());
            entry.put("active", true);
            entry.put("coefficient", 1);
            entry.put("family", "linear");
            entry.put("inverted", false);
            ObjectNode range = entry.putObject("window");
            putNumber(range, "min", window.min(), integer);
            putNumber(range, "max", window.max(), integer);
            putNumber(range, "start", window.start(), integer);
            putNumber(range, "end", window.end(), integer);
        }
        ObjectNode rdefs = omero.putObject("rdefs");
        boolean grey = channels.size() == 1 && channels.get(0).rgb() == ChannelDisplay.WHITE;
        rdefs.put("model", grey ? "greyscale" : "color");
        rdefs.put("defaultT", 0);
        rdefs.put("defaultZ", settings.zSlices() / 2);
        return omero;
    }

    /** Integer pixel types get integer windows ({@code 100}, not {@code 100.0}). */
    private static void putNumber(ObjectNode node, String field, double value, boolean integer) {
        if (integer) {
            node.put(field, (long) value);
        } else {
            node.put(field, value);
        }
    }
}
