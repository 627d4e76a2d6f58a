package org.zarrscope.pyramid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.zarrscope.zarr.ArrayLayout;

/**
 * The arrays of one image's resolution levels, as they lie in the store: level 0 is full
 * resolution, level {@code k} its plane halved {@code k} times ({@link PyramidLevels}), and each
 * is an array of its own with its own chunks and shards. The writer plan derives them once; the
 * pyramid stages, the memory plan and the metadata read them.
 */
public final class ResolutionLevels {
    private final List<ArrayLayout> layouts;
    private final Downsampling downsampling;

    /** @param layouts every level's layout, full resolution first */
    public ResolutionLevels(List<ArrayLayout> layouts, Downsampling downsampling) {
        if (layouts.isEmpty()) {
            throw new IllegalArgumentException("an image has at least its full-resolution level");
        }
        this.layouts = Collections.unmodifiableList(new ArrayList<>(layouts));
        this.downsampling = downsampling;
    }

    /** Levels including level 0; 1 without a pyramid. */
    public int count() { return layouts.size(); }

    public ArrayLayout level(int level) { return layouts.get(level); }

    public ArrayLayout fullResolution() { return layouts.get(0); }

    /** Every level's layout, full resolution first. */
    public List<ArrayLayout> layouts() { return layouts; }

    /** How a level's pixels are made from the level below. */
    public Downsampling downsampling() { return downsampling; }
}
