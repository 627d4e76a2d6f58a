package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.zarrscope.pyramid.PyramidLevels;

/**
 * The automatic pyramid depth: halve until a level fits one chunk and a screen (512 pixels), so
 * a 2048×2048 camera with whole-frame chunks still gets levels to zoom out with; a number asks for
 * exactly that many levels, fewer only when a level of one pixel comes first.
 */
class AutomaticPyramidDepthTest {
    @Test
    void automaticDepthFitsOneChunkAndAScreen() {
        assertEquals(3, PyramidLevels.plan(2048, 2048, 2048, 2048, 0).count(), "whole-frame chunks: 1024 and 512");
        assertEquals(1, PyramidLevels.plan(512, 512, 512, 512, 0).count(), "a 512x512 frame is its own overview");
        assertEquals(4, PyramidLevels.plan(2048, 2048, 256, 256, 0).count(), "256 tiles: down to one tile");
        assertEquals(2, PyramidLevels.plan(1000, 300, 512, 512, 0).count(), "the larger side decides");
        assertEquals(3, PyramidLevels.plan(5, 3, 5, 3, 2).count(), "two levels asked for: 3x2 and 2x1");
        assertEquals(3, PyramidLevels.plan(4, 4, 4, 4, 10).count(), "no level beyond 1x1");
    }
}
