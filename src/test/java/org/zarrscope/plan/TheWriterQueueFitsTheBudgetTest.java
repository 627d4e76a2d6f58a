package org.zarrscope.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.MemoryStore;
import org.zarrscope.zarr.ZarrReader;

/**
 * Handed-over frames whose tiles wait in the writer queue are held beyond the ring, so the plan
 * buys the queue, and the writer threads' gathering, from what the budget has to spare: a long
 * queue (4 writer tasks per thread) where it affords one, else every thread busy and one more, else the
 * assembler gathers before the frame leaves the ring. A budget that opened before still opens.
 */
class TheWriterQueueFitsTheBudgetTest {
    private static WriterSettings camera(int size, int threads, long budget) {
        return WriterSettings.builder().output(Paths.get("queue.ome.zarr")).timePoints(10).frameSize(size, size)
                .pixelType(PixelType.UINT16).writerThreads(threads).memoryBudgetBytes(budget).build();
    }

    @Test
    void theDefaultBudgetOnEightCoresGetsAShortQueue() {
        MemoryPlan plan = camera(2048, 8, WriterSettings.DEFAULT_MEMORY_BUDGET).memoryPlan();
        assertEquals(9, plan.writerQueue(), "every thread busy and one task waiting");
        assertTrue(plan.writersGatherTiles());
        assertTrue(plan.plannedBytes() <= WriterSettings.DEFAULT_MEMORY_BUDGET, plan.plannedBytes() + " bytes planned");
    }

    @Test
    void aBudgetWithRoomBuysTheLongQueue() {
        MemoryPlan plan = camera(2048, 2, 512L << 20).memoryPlan();
        assertEquals(8, plan.writerQueue(), "4 tasks per thread");
        assertTrue(plan.plannedBytes() <= 512L << 20, plan.plannedBytes() + " bytes planned");
    }

    @Test
    void tilesHoldFewFramesSoTheQueueStaysLong() {
        WriterSettings settings = WriterSettings.builder().output(Paths.get("tiles.ome.zarr")).timePoints(10)
                .frameSize(2048, 2048).pixelType(PixelType.UINT16).chunkShape(1, 1, 1, 512, 512).writerThreads(4)
                .build();
        assertEquals(16, settings.memoryPlan().writerQueue(), "16 tiles per frame, 4 per task: 16 queued tasks hold at most 5 frames (40 MiB)");
    }

    @Test
    void aTightBudgetLetsTheAssemblerGatherAndStillWritesEveryPixel() throws Exception {
        WriterSettings settings = camera(512, 2, 13L << 19); // 6.5 MiB: the minimum (6.0) and a little spare
        MemoryPlan plan = settings.memoryPlan();
        assertFalse(plan.writersGatherTiles(), "no room for frames held beyond the ring: " + plan.plannedBytes());
        SimulatedCamera camera = new SimulatedCamera(512, 512, PixelType.UINT16, 3);
        MemoryStore store = new MemoryStore("tight");
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings, store)) {
            for (int t = 0; t < 10; t++) {
                writer.handOver(FrameCoordinates.of(t, 0, 0), camera.frame(FrameCoordinates.of(t, 0, 0)), FrameMetadata.NONE);
            }
            writer.finish();
        }
        ZarrReader reader = ZarrReader.open(store, AcquisitionWriter.FULL_RESOLUTION_PATH);
        for (int t = 0; t < 10; t++) {
            assertArrayEquals(bytes(camera.storedPlane(FrameCoordinates.of(t, 0, 0), 0)), bytes(reader.readPlane(t, 0, 0)),
                    "t=" + t);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
