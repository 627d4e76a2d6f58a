package org.zarrscope.plan;

import java.util.List;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.Axis;
import org.zarrscope.zarr.ArrayLayout;

/**
 * The automatic shard shape, the default of Zarr v3 datasets: few files, and shards that
 * complete soon.
 *
 * <ul>
 *   <li>y, x: the whole frame (in whole chunks), so one shard holds every tile of a plane;</li>
 *   <li>z: the whole stack, whose slices arrive together (unless time runs inside z in the
 *       acquisition order: such shards would all stay open until the last stack);</li>
 *   <li>c: one chunk, since channels are often minutes apart in a time-lapse;</li>
 *   <li>t: as many chunks as keep the shard within {@value #TARGET_SHARD_MIB} MiB uncompressed
 *       and {@value #MAX_INNER_CHUNKS} inner chunks
 *       (a 2048×2048 uint16 single-plane stream: 32 frames per shard) and, when the interval is
 *       known, within {@value #MAX_SHARD_SECONDS} s of acquisition, because a shard becomes
 *       visible to readers only when it is complete; one chunk when the acquisition order visits
 *       time inside z or channel, where long shards would stay open.</li>
 * </ul>
 * Shards cost no memory on a store that writes in place (every file store): inner chunks are
 * written as soon as they are compressed.
 */
public final class ShardPlanner {
    /** The uncompressed size a shard aims at. */
    public static final int TARGET_SHARD_MIB = 256;
    /** The most inner chunks per shard, so the index (16 bytes each) stays small: 64 KiB. */
    public static final int MAX_INNER_CHUNKS = 4096;
    /** The longest stretch of acquisition a shard may span when the interval is known. */
    public static final int MAX_SHARD_SECONDS = 60;

    private ShardPlanner() {
    }

    /**
     * Shard extents t, c, z, y, x for an array whose sizes and chunk shape are validated.
     *
     * @param intervalSeconds the time between time points, or {@code null} when unknown
     */
    public static int[] plan(ArrayLayout array, AcquisitionOrder acquisitionOrder, Double intervalSeconds) {
        int[] chunk = array.chunkShape();
        int[] size = array.arrayShape(chunk[0]);
        int[] shard = chunk.clone();
        List<Axis> order = acquisitionOrder.outermostFirst();
        boolean timeOutermost = order.get(0) == Axis.TIME;
        // a shard spanning z completes with the stack only if time does not run inside z (with an
        // open-ended time axis it would never complete; with a bounded one every time point's
        // shard would stay open until the last stack)
        boolean wholeStacks = order.indexOf(Axis.TIME) < order.indexOf(Axis.Z);
        for (Axis axis : wholeStacks ? new Axis[] {Axis.Z, Axis.Y, Axis.X} : new Axis[] {Axis.Y, Axis.X}) {
            int d = axis.dimension();
            shard[d] = (size[d] + chunk[d] - 1) / chunk[d] * chunk[d];
        }
        if (timeOutermost) {
            long bytesPerTimeChunk = array.pixelType().bytesPerSample() * (long) chunk[0] * shard[1] * shard[2]
                    * shard[3] * shard[4];
            long innerPerTimeChunk = (long) (shard[1] / chunk[1]) * (shard[2] / chunk[2]) * (shard[3] / chunk[3])
                    * (shard[4] / chunk[4]);
            long chunksInTarget = Math.max(1, Math.min(((long) TARGET_SHARD_MIB << 20) / bytesPerTimeChunk,
                    MAX_INNER_CHUNKS / innerPerTimeChunk));
            if (intervalSeconds != null) {
                long chunksInTime = (long) (MAX_SHARD_SECONDS / (intervalSeconds * chunk[0]));
                chunksInTarget = Math.max(1, Math.min(chunksInTarget, chunksInTime));
            }
            long timeChunks = array.isTimeUnbounded() ? chunksInTarget
                    : Math.min(chunksInTarget, (array.timePoints() + chunk[0] - 1) / chunk[0]);
            shard[0] = (int) (timeChunks * chunk[0]);
        }
        return shard;
    }
}
