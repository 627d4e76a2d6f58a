package org.zarrscope.ngff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zarrscope.Axis;
import org.zarrscope.WriterSettings;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.zarr.ZarrJson;

/**
 * The OME-NGFF 0.4 image attributes ({@code .zattrs} of the image group): {@code multiscales}
 * with axes {@code t, c, z, y, x}, their units, and the physical scale of each resolution level.
 * Unknown physical sizes (no pixel size, z step or interval given) get scale 1 and no unit,
 * rather than an invented one.
 */
public final class NgffImageMetadata {
    /** Where Zarrscope keeps its own status under the image attributes. */
    public static final String ZARRSCOPE_KEY = "zarrscope";

    private NgffImageMetadata() {
    }

    /**
     * The attributes of an image with one resolution level at {@code arrayPath}.
     *
     * @param status {@code acquiring}, {@code complete} or {@code aborted}
     */
    public static ObjectNode attributes(WriterSettings settings, String name, String arrayPath, String status) {
        ObjectNode root = ZarrJson.MAPPER.createObjectNode();
        ObjectNode multiscale = root.putArray("multiscales").addObject();
        multiscale.put("version", "0.4");
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
        ObjectNode zarrscope = root.putObject(ZARRSCOPE_KEY);
        zarrscope.put("status", status);
        zarrscope.put("frameMetadata", FrameMetadataTable.KEY);
        return root;
    }

    private static Double physicalSize(WriterSettings settings, Axis axis) {
        switch (axis) {
            case TIME: return settings.intervalSeconds();
            case Z: return settings.zStepUm();
            case Y:
            case X: return settings.pixelSizeUm();
            default: return null;
        }
    }
}
