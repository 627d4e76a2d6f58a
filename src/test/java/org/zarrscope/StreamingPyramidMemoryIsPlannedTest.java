package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.zarrscope.plan.MemoryPlan;
import org.zarrscope.pyramid.ResolutionLevels;
import org.zarrscope.zarr.ArrayLayout;

/**
 * The streaming pyramid's memory is part of the budget: each reduced level gets a chunk buffer
 * pool that holds at least the chunks its acquisition order keeps open plus one per writer thread,
 * the levels together take no more than a third of what level 0 gets beyond its own minimum, the
 * whole plan stays within the budget, and a budget that cannot hold the levels is refused before
 * the first frame, saying so.
 */
class StreamingPyramidMemoryIsPlannedTest {
    private static WriterSettings.Builder tiled(PyramidMode mode, long budget) {
        return WriterSettings.builder().output(Paths.get("plan.ome.zarr")).timePoints(100).channels(2).zSlices(5)
                .frameSize(2048, 2048).chunkShape(1, 1, 5, 256, 256).order(AcquisitionOrder.parse("tczyx"))
                .writerThreads(4).memoryBudgetBytes(budget).pyramid(mode);
    }

    @Test
    void levelsGetTheirOpenChunksAndAThirdOfLevelZerosExtraWithinTheBudget() {
        long budget = 1L << 30;
        WriterSettings streaming = tiled(PyramidMode.STREAMING, budget).build();
        WriterSettings after = tiled(PyramidMode.AFTER, budget).build();
        MemoryPlan plan = streaming.memoryPlan();
        ResolutionLevels levels = streaming.plan().levels();
        assertEquals(4, levels.count(), "2048 in 256 tiles: levels of 2048, 1024, 512 and 256");

        long levelChunkBytes = 0;
        long levelMinimumBytes = 0;
        for (int k = 1; k < levels.count(); k++) {
            ArrayLayout level = levels.level(k);
            // order tczyx with chunks of 5 slices: every tile of the level's plane is open at once
            int open = (int) (Math.ceil(level.height() / 256.0) * Math.ceil(level.width() / 256.0));
            int minimum = open + streaming.writerThreads() + 1;
            assertTrue(plan.levelChunkBuffers(k) >= minimum, "level " + k + ": " + plan.levelChunkBuffers(k)
                    + " buffers, at least " + minimum + " needed");
            levelChunkBytes += plan.levelChunkBuffers(k) * level.chunkBytes();
            levelMinimumBytes += (long) minimum * level.chunkBytes();
        }
        long levelZeroMinimum = (long) (plan.maxOpenChunks() + streaming.writerThreads() + 1) * streaming.chunkBytes();
        long levelZeroExtra = (long) plan.chunkBuffers() * streaming.chunkBytes() - levelZeroMinimum;
        assertTrue(levelZeroExtra > 0, "this budget leaves level 0 more than its minimum");
        assertTrue(levelChunkBytes - levelMinimumBytes <= levelZeroExtra / 3 + levels.count() * streaming.chunkBytes(),
                "levels' extra " + (levelChunkBytes - levelMinimumBytes) + " bytes is at most a third of level 0's "
                        + levelZeroExtra);
        assertTrue(plan.pyramidBytes() >= levelChunkBytes, "pyramidBytes counts the level chunk buffers");
        assertTrue(plan.plannedBytes() <= budget, "planned " + plan.plannedBytes() + " of a budget of " + budget);
        assertEquals(0, after.memoryPlan().pyramidBytes(), "after the run the pyramid takes nothing from the budget");
        assertEquals(0, after.memoryPlan().levelChunkBuffers(1));
        assertTrue(plan.chunkBuffers() < after.memoryPlan().chunkBuffers(), "streaming leaves level 0 fewer buffers");
    }

    @Test
    void aBudgetTooSmallForTheLevelsIsRefusedNamingThePyramid() {
        long justEnoughWithout = 70L << 20; // level 0 needs 66.6 MiB, its levels about 24 MiB more
        tiled(PyramidMode.AFTER, justEnoughWithout).build().plan(); // fits level 0 alone
        SettingsException refused = assertThrows(SettingsException.class,
                () -> tiled(PyramidMode.STREAMING, justEnoughWithout).build().plan());
        assertEquals("memoryBudget", refused.field());
        assertTrue(refused.getMessage().contains("streaming pyramid"), refused.getMessage());
    }
}
