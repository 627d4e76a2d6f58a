package org.zarrscope.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.PixelType;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.pyramid.Downsampling;
import org.zarrscope.pyramid.ResolutionLevels;
import org.zarrscope.zarr.ArrayLayout;

/**
 * The planners on array layouts alone, without settings or a writer: each pyramid level halves
 * y and x (rounding up), clips the chunks to its plane and, when level 0 is sharded, gets the
 * automatic shards of its own smaller array; an unsharded dataset stays unsharded at every level.
 */
class LevelLayoutsFollowLevelZeroTest {
    private static final AcquisitionOrder TCZ = AcquisitionOrder.parse("tczyx");

    private static ArrayLayout camera(int[] shards) {
        return new ArrayLayout(100, 2, 5, 2000, 3000, PixelType.UINT16, new int[] {1, 1, 5, 512, 1024}, shards,
                CodecSpec.none());
    }

    @Test
    void levelsHalveTheirPlaneAndClipTheirChunks() {
        ArrayLayout levelZero = camera(null);
        ResolutionLevels levels = WriterPlan.levels(levelZero, 4, Downsampling.MEAN, TCZ, null);
        assertEquals(4, levels.count());
        int[][] planes = {{2000, 3000}, {1000, 1500}, {500, 750}, {250, 375}};
        int[][] chunks = {{512, 1024}, {512, 1024}, {500, 750}, {250, 375}};
        for (int k = 0; k < 4; k++) {
            ArrayLayout level = levels.level(k);
            assertArrayEquals(new int[] {100, 2, 5, planes[k][0], planes[k][1]}, level.arrayShape(0), "shape of " + k);
            assertArrayEquals(new int[] {1, 1, 5, chunks[k][0], chunks[k][1]}, level.chunkShape(), "chunks of " + k);
            assertFalse(level.isSharded(), "an unsharded dataset stays unsharded at level " + k);
            assertEquals(PixelType.UINT16, level.pixelType());
        }
        assertEquals(Downsampling.MEAN, levels.downsampling());
    }

    @Test
    void oddSizesRoundUp() {
        ArrayLayout odd = new ArrayLayout(1, 1, 1, 5, 3, PixelType.UINT8, new int[] {1, 1, 1, 5, 3}, null,
                CodecSpec.none());
        ResolutionLevels levels = WriterPlan.levels(odd, 3, Downsampling.MAX, TCZ, null);
        assertArrayEquals(new int[] {1, 1, 1, 3, 2}, levels.level(1).arrayShape(0));
        assertArrayEquals(new int[] {1, 1, 1, 2, 1}, levels.level(2).arrayShape(0));
    }

    @Test
    void eachShardedLevelGetsTheAutomaticShardsOfItsOwnArray() {
        ArrayLayout chunked = camera(null);
        ArrayLayout levelZero = chunked.withShards(ShardPlanner.plan(chunked, TCZ, null));
        // level 0: whole (chunk-rounded) planes and stacks; t up to 256 MiB of 2048x3072x5 uint16 planes
        assertArrayEquals(new int[] {4, 1, 5, 2048, 3072}, levelZero.shardShape());
        ResolutionLevels levels = WriterPlan.levels(levelZero, 3, Downsampling.MEAN, TCZ, null);
        // level 1: 1000x1500 in 512x1024 chunks rounds to 1024x2048, 20 MiB per time point: 12 in 256 MiB
        assertArrayEquals(new int[] {12, 1, 5, 1024, 2048}, levels.level(1).shardShape());
        // level 2: one 500x750 chunk per plane, 3.75 MB per time point: 71 in 256 MiB
        assertArrayEquals(new int[] {71, 1, 5, 500, 750}, levels.level(2).shardShape());
    }

    @Test
    void aKnownIntervalKeepsEachShardWithinAMinute() {
        ArrayLayout chunked = camera(null);
        assertArrayEquals(new int[] {4, 1, 5, 2048, 3072}, ShardPlanner.plan(chunked, TCZ, 1.0));
        assertArrayEquals(new int[] {2, 1, 5, 2048, 3072}, ShardPlanner.plan(chunked, TCZ, 30.0));
        assertNull(camera(null).shardShape());
    }
}
