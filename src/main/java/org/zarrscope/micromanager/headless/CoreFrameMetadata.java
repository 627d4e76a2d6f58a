package org.zarrscope.micromanager.headless;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.zarrscope.FrameMetadata;

/**
 * A frame's metadata from MMCore's image tags and where the acquisition put the stages. MMCore
 * tags each frame with {@code ElapsedTime-ms}, {@code Camera}, {@code ImageNumber} and image
 * geometry; cameras may add {@code Exposure-ms}. The stage position is the one read back from
 * the stages after the last move, because MMCore does not tag it (without the system state
 * cache). Every true tag not mapped to a field is kept as extra metadata, so nothing is lost.
 *
 * <p>Two kinds of tag describe the camera sequence, not the acquisition, and are not taken as
 * they are: {@code ElapsedTime-ms} restarts at every {@code startSequenceAcquisition}, so the
 * frame's time is the sequence's start in the acquisition plus that tag (the tag itself stays as
 * an extra key, true for its sequence); and MMCore's legacy multi-D tags ({@link #SEQUENCE_CONSTANTS})
 * hold the same constants in every frame of a sequence ("0", "Default"), contradicting the
 * frame's own coordinates, so they are dropped.
 */
final class CoreFrameMetadata {
    static final String ELAPSED = "ElapsedTime-ms";
    static final String EXPOSURE = "Exposure-ms";
    static final String CAMERA = "Camera";
    /** MMCore's tags that a sequence fills with constants; the frame's t, c, z and p say the truth. */
    static final Set<String> SEQUENCE_CONSTANTS = new HashSet<>(Arrays.asList(
            "Frame", "FrameIndex", "Slice", "SliceIndex", "ChannelIndex", "PositionIndex", "Position"));

    private CoreFrameMetadata() {
    }

    /**
     * @param exposureMs      the camera's exposure when the sequence started, for cameras that do not tag it
     * @param sequenceStartMs when the camera's sequence started, in ms since the acquisition started
     * @param receivedMs      when the frame was popped, in ms since the acquisition started: its
     *                        time when the camera does not tag one
     * @param xyUm            the XY stage's position {x, y}, or null when there is none
     * @param zUm             the focus position, or null when there is no focus device
     */
    static FrameMetadata of(Map<String, String> tags, double exposureMs, double sequenceStartMs, double receivedMs,
            double[] xyUm, Double zUm) {
        FrameMetadata.Builder metadata = FrameMetadata.builder();
        Double inSequence = number(tags.get(ELAPSED));
        metadata.elapsedMs(inSequence != null ? sequenceStartMs + inSequence : receivedMs);
        Double tagged = number(tags.get(EXPOSURE));
        metadata.exposureMs(tagged != null ? tagged : exposureMs);
        if (tags.containsKey(CAMERA)) {
            metadata.camera(tags.get(CAMERA));
        }
        if (xyUm != null) {
            metadata.stageXUm(xyUm[0]).stageYUm(xyUm[1]);
        }
        metadata.stageZUm(zUm);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            boolean mapped = (key.equals(EXPOSURE) && tagged != null) || key.equals(CAMERA);
            if (!mapped && !SEQUENCE_CONSTANTS.contains(key)) {
                metadata.extra(key, tag.getValue());
            }
        }
        return metadata.build();
    }

    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null; // kept as an extra tag instead
        }
    }
}
