package org.zarrscope.micromanager.studio;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.micromanager.PropertyMap;
import org.micromanager.PropertyMaps;
import org.micromanager.data.Coords;
import org.micromanager.data.DataManager;
import org.micromanager.data.Image;
import org.micromanager.data.Metadata;
import org.zarrscope.micromanager.mda.MdaFrameMetadata;
import org.zarrscope.micromanager.mda.MdaImage;
import org.zarrscope.micromanager.mda.MdaImageFormat;
import org.zarrscope.micromanager.mda.MdaSummary;

/**
 * mmstudio's {@code Image}, {@code Coords} and {@code Metadata} to Zarrscope's plain types and
 * back, field by field. What the fields mean is {@link MdaFrameMetadata}'s and
 * {@link MdaImageFormat}'s business; the one thing decided here is where the AcqEngJ engine's
 * images keep their exposure ({@link #frameMetadata}).
 */
final class StudioImages {
    /** AcqEngJ's exposure tag ({@code AcqEngMetadata}), which mmstudio keeps in an image's user data. */
    static final String ACQENGJ_EXPOSURE = "Exposure";
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private StudioImages() {
    }

    static Map<String, Integer> coordinates(Coords coords) {
        Map<String, Integer> axes = new LinkedHashMap<>();
        for (String axis : coords.getAxes()) {
            axes.put(axis, coords.getIndex(axis));
        }
        return axes;
    }

    static Coords coords(Map<String, Integer> coordinates, DataManager data) {
        Coords.Builder builder = data.coordsBuilder();
        coordinates.forEach(builder::index);
        return builder.build();
    }

    static MdaImageFormat format(Image image) {
        Metadata metadata = image.getMetadata();
        return new MdaImageFormat(image.getWidth(), image.getHeight(), image.getBytesPerPixel(),
                image.getNumComponents(), metadata.getPixelSizeUm(), affine(metadata.getPixelSizeAffine()));
    }

    /** Micro-Manager's affine order {@code a, b, tx, c, d, ty}: the rows of the 2x3 matrix. */
    private static double[] affine(AffineTransform transform) {
        return transform == null ? null : new double[] {transform.getScaleX(), transform.getShearX(),
            transform.getTranslateX(), transform.getShearY(), transform.getScaleY(), transform.getTranslateY()};
    }

    static MdaFrameMetadata frameMetadata(Metadata metadata) {
        MdaFrameMetadata.Builder b = MdaFrameMetadata.builder()
                .exposureMs(exposureMs(metadata))
                .xUm(metadata.getXPositionUm())
                .yUm(metadata.getYPositionUm())
                .zUm(metadata.getZPositionUm())
                .camera(metadata.getCamera())
                .binning(metadata.getBinning())
                .bitDepth(metadata.getBitDepth());
        if (metadata.hasElapsedTimeMs()) {
            b.elapsedMs(metadata.getElapsedTimeMs(0));
        }
        if (metadata.hasPositionName()) {
            b.positionName(metadata.getPositionName(null));
        }
        Rectangle roi = metadata.getROI();
        if (roi != null) {
            b.roi(roi.x, roi.y, roi.width, roi.height);
        }
        if (metadata.getImageNumber() != null) {
            b.other("ImageNumber", metadata.getImageNumber().toString());
        }
        strings(metadata.getScopeData()).forEach(b::scopeData);
        strings(metadata.getUserData()).forEach(b::userData);
        return b.build();
    }

    /**
     * The Clojure engine's images have the exposure field; images of the AcqEngJ engine do not:
     * mmstudio leaves AcqEngJ's own tag ({@value #ACQENGJ_EXPOSURE}, in ms) in their user data
     * (seen in a real MMStudio 2.0 run). A value that is not a number stays in the user data only.
     */
    private static Double exposureMs(Metadata metadata) {
        if (metadata.getExposureMs() != null) {
            return metadata.getExposureMs();
        }
        PropertyMap userData = metadata.getUserData();
        String tag = userData == null ? null : userData.getValueAsString(ACQENGJ_EXPOSURE, null);
        return tag != null && NUMBER.matcher(tag.trim()).matches() ? Double.valueOf(tag.trim()) : null;
    }

    private static Map<String, String> strings(PropertyMap map) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (map != null) {
            for (String key : map.keySet()) {
                strings.put(key, map.getValueAsString(key, null));
            }
        }
        return strings;
    }

    static PropertyMap propertyMap(Map<String, String> strings) {
        PropertyMap.Builder builder = PropertyMaps.builder();
        strings.forEach(builder::putString);
        return builder.build();
    }

    /** An image read from a dataset, with the run's pixel calibration (Micro-Manager keeps it per image). */
    static Image image(MdaImage image, MdaSummary summary, DataManager data) {
        MdaFrameMetadata frame = image.metadata();
        Metadata.Builder metadata = data.metadataBuilder()
                .pixelSizeUm(summary.pixelSizeUm())
                .pixelSizeAffine(transform(summary.pixelSizeAffine()))
                .elapsedTimeMs(frame.elapsedMs())
                .exposureMs(frame.exposureMs())
                .xPositionUm(frame.xUm())
                .yPositionUm(frame.yUm())
                .zPositionUm(frame.zUm())
                .camera(frame.camera())
                .positionName(frame.positionName())
                .binning(frame.binning())
                .bitDepth(frame.bitDepth())
                .scopeData(propertyMap(frame.scopeData()))
                .userData(propertyMap(frame.userData()));
        int[] roi = frame.roi();
        if (roi != null) {
            metadata.roi(new Rectangle(roi[0], roi[1], roi[2], roi[3]));
        }
        return data.wrapImage(image.pixels(), summary.width(), summary.height(), summary.pixelType().bytesPerPixel(),
                summary.pixelType().components(), coords(image.coordinates(), data), metadata.build());
    }

    private static AffineTransform transform(double[] affine) {
        return affine == null ? null
                : new AffineTransform(affine[0], affine[3], affine[1], affine[4], affine[2], affine[5]);
    }
}
