package org.zarrscope.micromanager;

import java.util.Map;
import org.zarrscope.FrameMetadata;

/**
 * A frame's metadata from MMCore's image tags and where the acquisition put the stages. MMCore
 * tags each frame with {@code ElapsedTime-ms}, {@code Camera}, {@code ImageNumber} and image
 * geometry; cameras may add {@code Exposure-ms}. The stage position is the one read back from
 * the stages after the last move, because MMCore does not tag it (without the system state
 * cache). Every tag not mapped to a field is kept as extra metadata, so nothing is lost.
 */
final class CoreFrameMetadata {
    static final String ELAPSED = "ElapsedTime-ms";
    static final String EXPOSURE = "Exposure-ms";
    static final String CAMERA = "Camera";

    private CoreFrameMetadata() {
    }

    /**
     * @param exposureMs the camera's exposure when the sequence started, for cameras that do not tag it
     * @param xyUm       the XY stage's position {x, y}, or null when there is none
     * @param zUm        the focus position, or null when there is no focus device
     */
    static FrameMetadata of(Map<String, String> tags, double exposureMs, double[] xyUm, Double zUm) {
        FrameMetadata.Builder metadata = FrameMetadata.builder();
        Double elapsed = number(tags.get(ELAPSED));
        if (elapsed != null) {
            metadata.elapsedMs(elapsed);
        }
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
            boolean mapped = (key.equals(ELAPSED) && elapsed != null) || (key.equals(EXPOSURE) && tagged != null)
                    || key.equals(CAMERA);
            if (!mapped) {
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
