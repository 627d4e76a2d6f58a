package org.zarrscope.ngff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zarrscope.Axis;
import org.zarrscope.WriterSettings;
import org.zarrscope.zarr.ZarrJson;

/**
 * The OME-NGFF image attributes of the image group: {@code multiscales} with axes
 * {@code t, c, z, y, x}, their units, and the physical scale of each resolution level.
 * Unknown physical sizes (no pixel size, z step or interval given) get scale 1 and no unit,
 * rather than an invented one.
 */
public final class NgffImageMetadata {
    private NgffImageMetadata() {
    }

    /**
     * One {@code multiscales} entry for an image with one resolution level at {@code arrayPath},
     * without {@code version}: OME-NGFF 0.4 puts the version inside it, 0.5 beside it, which the
     * Zarr layout decides.
     */
    public static ObjectNode multiscale(WriterSettings settings, String name, String arrayPath) {
        ObjectNode multiscale = ZarrJson.MAPPER.createObjectNode();
        multiscale.put("name", name);
        ArrayNode axes = multiscale.putArray("axes");
        ArrayNode scale = ZarrJson.MAPPER.createArrayNode();
        for (Axis axis : Axis.values()) {
            ObjectNode entry = axes.addObject();
            entry.put("name", axis.letter());
            entry.put("type", axis.ngffType());
            Double physical = physicalSize(settings, axis);
            if (physical != null) {
                entry.put("unit", axis == Axis.TIME ? "second" : "micrometer");
            }
            scale.add(physical == null ? 1.0 : physical);
        }
        ObjectNode dataset = multiscale.putArray("datasets").addObject();
        dataset.put("path", arrayPath);
        ObjectNode transform = dataset.putArray("coordinateTransformations").addObject();
        transform.put("type", "scale");
        transform.set("scale", scale);
        multiscale.put("type", "mean");
        multiscale.putObject("metadata").put("description", "full resolution only");
        return multiscale;
    }

    private static Double physicalSize(WriterSettings settings, Axis axis) {
        switch (axis) {
            case TIME: return settings.intervalSeconds();
            case Z: return settings.zStepUm();
            case Y: return settings.pixelSizeYUm();
            case X: return settings.pixelSizeXUm();
            default: return null;
        }
    }
}
