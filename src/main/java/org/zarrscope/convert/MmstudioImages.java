package org.zarrscope.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import mmcorej.org.json.JSONException;
import mmcorej.org.json.JSONObject;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.micromanager.mda.MdaJson;
import org.zarrscope.micromanager.mda.MdaPixelType;
import org.zarrscope.micromanager.mda.MdaSummary;

/**
 * What mmstudio's own storages ({@link OmeTiffSource}, {@link SinglePlaneTiffSource}) have in
 * common once their files are read: the same summary and image JSON, the same pixel layouts, so
 * the run is completed from its images, an image's tags are cleaned and its pixels handed out in
 * one way for both.
 */
final class MmstudioImages {
    /** mmstudio's exposure key, and AcqEngJ's (in an AcqEngJ image's user data in MMStudio). */
    /**
     * Keys of an image's JSON that are its coordinates (mmstudio's {@code Coords}, written in both
     * its spellings): the frame's place, given by the source's index, not tags of the frame's row.
     */
    private static final List<String> COORDINATE_KEYS = Arrays.asList("Frame", "FrameIndex", "PositionIndex",
            "Slice", "SliceIndex", "ChannelIndex");

    private MmstudioImages() {
    }

    /** An image's JSON as the frame's tags: its coordinates removed. */
    static JSONObject frameTags(JSONObject imageJson) {
        COORDINATE_KEYS.forEach(imageJson::remove);
        return imageJson;
    }

    /**
     * The bytes of pixels every image has, from the summary's frame size and pixel type.
     *
     * @param length how many the image's file gives it
     * @param named  the image in a message, its file first
     * @throws IllegalArgumentException naming the first image whose file gives it another length
     */
    static <T> long pixelBytes(MdaSummary summary, Map<FrameCoordinates, T> images, ToLongFunction<T> length,
                               BiFunction<FrameCoordinates, T, String> named) {
        long pixelBytes = (long) summary.width() * summary.height() * diskBytesPerPixel(summary.pixelType());
        for (Map.Entry<FrameCoordinates, T> image : images.entrySet()) {
            long given = length.applyAsLong(image.getValue());
            if (given != pixelBytes) {
                throw new IllegalArgumentException(named.apply(image.getKey(), image.getValue()) + " has " + given
                        + " bytes of pixels, but the run's " + summary.width() + " x " + summary.height() + " "
                        + summary.pixelType() + " frames have " + pixelBytes);
            }
        }
        return pixelBytes;
    }

    /** Bytes of one pixel in the file: RGB32 images are written as three bytes, R, G, B. */
    static int diskBytesPerPixel(MdaPixelType type) {
        switch (type) {
            case GRAY8: return 1;
            case GRAY16: return 2;
            case RGB32: return 3;
            default:
                throw new IllegalArgumentException("the summary's pixel type " + type + " is not one Micro-Manager's "
                        + "TIFF storages write (GRAY8, GRAY16, RGB32)");
        }
    }

    /** @throws IOException if the text is not JSON: the file is damaged there */
    static JSONObject json(String text, Path file, String what) throws IOException {
        try {
            return new JSONObject(text);
        } catch (JSONException e) {
            throw new IOException(file + ": its " + what + " is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The summary's run completed from the images: each axis's extent (of the images held and those
     * listed but cut off), the first image's frame format and calibration where the summary lacks
     * them (the image JSON names them with the summary's keys; a frame size of 0, as the single-plane
     * storage writes, is lacking), and positions from their first images when the summary lists none.
     *
     * @param images the images held, the first first
     */
    static <T> MdaSummary describe(JSONObject summaryJson, Map<FrameCoordinates, T> images,
            Set<FrameCoordinates> cutOff, FirstImagePositions.Tags<T> tags) throws IOException {
        MdaSummary declared = MdaJson.summary(summaryJson);
        MdaSummary.Builder b = declared.toBuilder();
        Map<String, Integer> extents = new HashMap<>();
        SortedMap<Integer, T> firstAtPosition = new TreeMap<>();
        List<FrameCoordinates> all = new ArrayList<>(images.keySet());
        all.addAll(cutOff);
        for (FrameCoordinates frame : all) {
            extents.merge(MdaSummary.TIME, frame.time() + 1, Math::max);
            extents.merge(MdaSummary.POSITION, frame.position() + 1, Math::max);
            extents.merge(MdaSummary.Z, frame.z() + 1, Math::max);
            extents.merge(MdaSummary.CHANNEL, frame.channel() + 1, Math::max);
        }
        images.forEach((frame, image) -> firstAtPosition.putIfAbsent(frame.position(), image));
        extents.forEach((axis, size) -> b.intended(axis, Math.max(size, declared.intended(axis))));
        MdaSummary ofFirstImage = MdaJson.summary(tags.of(images.values().iterator().next()));
        boolean noFrameSize = declared.width() == null || declared.width() == 0 || declared.height() == 0;
        if (noFrameSize && ofFirstImage.width() != null) {
            b.frameSize(ofFirstImage.width(), ofFirstImage.height());
        }
        if (declared.pixelType() == null) {
            b.pixelType(ofFirstImage.pixelType());
        }
        if (declared.pixelSizeUm() == null) {
            b.pixelSizeUm(ofFirstImage.pixelSizeUm());
        }
        if (declared.pixelSizeAffine() == null) {
            b.pixelSizeAffine(ofFirstImage.pixelSizeAffine());
        }
        if (declared.stagePositions().isEmpty()) {
            FirstImagePositions.of(firstAtPosition, tags).forEach(b::stagePosition);
        }
        MdaSummary described = b.build();
        if (described.width() == null || described.width() == 0 || described.pixelType() == null) {
            throw new IllegalArgumentException("neither the summary nor the first image gives the frame size and "
                    + "pixel type (Width, Height, PixelType)");
        }
        return described;
    }
}
