package org.zarrscope.ngff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.zarrscope.Axis;
import org.zarrscope.WriterSettings;
import org.zarrscope.pyramid.Downsampling;
import org.zarrscope.pyramid.PyramidLevels;
import org.zarrscope.zarr.ZarrJson;

/**
 * The OME-NGFF image attributes of the image group: {@code multiscales} with axes
 * {@code t, c, z, y, x}, their units, and the physical scale and translation of each resolution
 * level.
 * Unknown physical sizes (no pixel size, z step or interval given) get scale 1 and no unit,
 * rather than an invented one.
 */
public final class NgffImageMetadata {
    private NgffImageMetadata() {
    }

    /**
     * One {@code multiscales} entry for an image whose resolution levels {@code 0} to
     * {@code levels − 1} are arrays of those names in the image group, without {@code version}:
     * OME-NGFF 0.4 puts the version inside it, 0.5 beside it, which the Zarr layout decides. Level
     * {@code k} has the full-resolution scale with y and x times {@code 2^k} and, where it is not
     * zero, the translation that centres each pixel on the pixels it was made from
     * ({@link PyramidLevels#translation}). Only complete levels are declared.
     */
    public static ObjectNode multiscale(WriterSettings settings, String name, int levels) {
        ObjectNode multiscale = ZarrJson.MAPPER.createObjectNode();
        multiscale.put("name", name);
        ArrayNode axes = multiscale.putArray("axes");
        double[] fullResolution = new double[Axis.values().length];
        for (Axis axis : Axis.values()) {
            ObjectNode entry = axes.addObject();
            entry.put("name", axis.letter());
            entry.put("type", axis.ngffType());
            Double physical = physicalSize(settings, axis);
            if (physical != null) {
                entry.put("unit", axis == Axis.TIME ? "second" : "micrometer");
            }
            fullResolution[axis.dimension()] = physical == null ? 1.0 : physical;
        }
        ArrayNode datasets = multiscale.putArray("datasets");
        Downsampling method = settings.downsampling();
        for (int level = 0; level < levels; level++) {
            ObjectNode dataset = datasets.addObject();
            dataset.put("path", Integer.toString(level));
            ArrayNode transforms = dataset.putArray("coordinateTransformations");
            addTransform(transforms, "scale", PyramidLevels.scale(fullResolution, level));
            double[] translation = PyramidLevels.translation(fullResolution, level, method);
            if (Arrays.stream(translation).anyMatch(value -> value != 0)) {
                addTransform(transforms, "translation", translation);
            }
        }
        multiscale.put("type", method.ngffType());
        ObjectNode metadata = multiscale.putObject("metadata");
        if (levels == 1) {
            metadata.put("description", "full resolution only");
        } else {
            metadata.put("description", "levels 1 to " + (levels - 1) + ": each pixel the " + method.ngffType()
                    + " of a 2x2 block in y and x of the level above (t, c and z not reduced); edge blocks of odd sizes"
                    + " hold the 1 or 2 pixels that exist" + (method == Downsampling.MEAN
                    ? "; integer means rounded half up, float means computed in double" : ""));
            metadata.put("method", "org.zarrscope.pyramid.PlaneReducer");
        }
        return multiscale;
    }

    private static void addTransform(ArrayNode transforms, String type, double[] values) {
        ObjectNode transform = transforms.addObject();
        transform.put("type", type);
        ArrayNode array = transform.putArray(type);
        for (double value : values) {
            array.add(value);
        }
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
