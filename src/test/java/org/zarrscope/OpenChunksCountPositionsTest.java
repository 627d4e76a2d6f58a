package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.zarrscope.simulate.SimulatedStage;

/**
 * The memory plan counts the chunks each stage position keeps open: with chunks spanning time
 * and positions visited inside each time point (Micro-Manager's default), every position's
 * chunks are open at once; with positions outermost, one position's at a time.
 */
class OpenChunksCountPositionsTest {
    private static int openChunks(String order, int positions) {
        return WriterSettings.builder().output(Paths.get("unused.ome.zarr")).timePoints(4).channels(2).zSlices(3)
                .frameSize(64, 64).chunkShape(2, 1, 1, 32, 64).positions(SimulatedStage.positions(positions))
                .order(AcquisitionOrder.parse(order)).format(ZarrFormat.V2).build().memoryPlan().maxOpenChunks();
    }

    @Test
    void positionsInsideTheSpanningAxisMultiplyTheOpenChunks() {
        int tiles = 2;
        assertEquals(tiles * 2 * 3, openChunks("tczyx", 1));
        assertEquals(tiles * 2 * 3 * 4, openChunks("tpczyx", 4));
        assertEquals(tiles * 2 * 3 * 4, openChunks("tczpyx", 4));
        assertEquals(tiles * 2 * 3, openChunks("ptczyx", 4));
    }
}
