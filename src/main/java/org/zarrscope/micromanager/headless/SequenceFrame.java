package org.zarrscope.micromanager.headless;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One frame out of a {@link SequenceSource}: the pixel array as the camera delivered it
 * ({@code byte[]}, {@code short[]} or {@code float[]}) and its tags (MMCore's image metadata,
 * e.g. {@code ElapsedTime-ms}, {@code Camera}, {@code ImageNumber}), all as text.
 */
public final class SequenceFrame {
    private final Object pixels;
    private final Map<String, String> tags;

    public SequenceFrame(Object pixels, Map<String, String> tags) {
        this.pixels = pixels;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public Object pixels() {
        return pixels;
    }

    /** The frame's tags in the order the camera gave them. */
    public Map<String, String> tags() {
        return tags;
    }
}
