package org.zarrscope.plan;

import java.util.ArrayList;
import java.util.List;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.pyramid.Downsampling;
import org.zarrscope.pyramid.PyramidLevels;
import org.zarrscope.pyramid.ResolutionLevels;
import org.zarrscope.zarr.ArrayLayout;

/**
 * What a writer is built from, derived from the user's settings when it opens, before the first
 * frame: the layout of every resolution level's array (automatic shards included) and how the
 * memory budget is divided. The derivation runs one way: the settings ask the planners
 * ({@link ShardPlanner}, {@link PyramidLevels}, {@link MemoryPlan}), which know only array layouts
 * and plain numbers, never the settings.
 */
public final class WriterPlan {
    private final ResolutionLevels levels;
    private final MemoryPlan memory;

    public WriterPlan(ResolutionLevels levels, MemoryPlan memory) {
        this.levels = levels;
        this.memory = memory;
    }

    /**
     * Every level of an image whose full resolution is laid out as {@code fullResolution}: level
     * {@code k} halves y and x {@code k} times (rounding up), clips the chunks to its plane and,
     * when level 0 is sharded, has the automatic shards of its own, smaller array.
     *
     * @param count           levels including level 0 ({@link PyramidLevels#count})
     * @param intervalSeconds the time between time points, or {@code null} ({@link ShardPlanner})
     */
    public static ResolutionLevels levels(ArrayLayout fullResolution, int count, Downsampling downsampling,
                                          AcquisitionOrder order, Double intervalSeconds) {
        List<ArrayLayout> layouts = new ArrayList<>();
        layouts.add(fullResolution);
        for (int k = 1; k < count; k++) {
            ArrayLayout level = fullResolution.reducedTo(PyramidLevels.size(fullResolution.height(), k),
                    PyramidLevels.size(fullResolution.width(), k));
            layouts.add(fullResolution.isSharded() ? level.withShards(ShardPlanner.plan(level, order, intervalSeconds))
                    : level);
        }
        return new ResolutionLevels(layouts, downsampling);
    }

    /** Every resolution level's array, full resolution first. */
    public ResolutionLevels levels() { return levels; }

    /** The full-resolution array: the camera's frames. */
    public ArrayLayout fullResolution() { return levels.fullResolution(); }

    public MemoryPlan memory() { return memory; }
}
