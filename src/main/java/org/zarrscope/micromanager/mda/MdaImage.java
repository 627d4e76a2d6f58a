package org.zarrscope.micromanager.mda;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One image as Micro-Manager holds it: its coordinates (every axis of the run, zeros included),
 * pixels in Micro-Manager's layout ({@code byte[]} for GRAY8 and for RGB32 as B, G, R, A;
 * {@code short[]} for GRAY16; {@code float[]} for GRAY32) and its metadata.
 * The pixels are shared, not copied: do not modify them.
 */
public final class MdaImage {
    private final Map<String, Integer> coordinates;
    private final Object pixels;
    private final MdaFrameMetadata metadata;

    MdaImage(Map<String, Integer> coordinates, Object pixels, MdaFrameMetadata metadata) {
        this.coordinates = Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
        this.pixels = pixels;
        this.metadata = metadata;
    }

    /** Axis → index, outermost axis first. */
    public Map<String, Integer> coordinates() { return coordinates; }

    public Object pixels() { return pixels; }

    /**
     * The metadata given with the image; for an image read back from the dataset, what its frame
     * table row holds ({@link MdaFrameMetadata#NONE} when the table has no row for it).
     */
    public MdaFrameMetadata metadata() { return metadata; }
}
