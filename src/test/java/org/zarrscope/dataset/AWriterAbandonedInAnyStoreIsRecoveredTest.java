package org.zarrscope.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.PixelType;
import org.zarrscope.PyramidMode;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.MemoryStore;
import org.zarrscope.testing.ShardTail;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrReader;

/**
 * Recovery needs nothing but the {@code Store}: a sharded writer abandoned mid-run in a
 * {@link MemoryStore} (never finished, as if killed) leaves its unfinished shard and the shard's
 * journal as partial values, and {@link DatasetRecovery} indexes the shard from the journal,
 * commits it, removes the space reserve, writes the frame table's journal as a segment and marks
 * the image recovered; every frame written then reads back pixel-exact.
 *
 * <p>Shards hold 4 time points × 2 × 2 tiles; frames t = 0..5 of 8 are written, so shard 0 is
 * complete and shard 1 holds the 8 inner chunks of t = 4, 5 when the writer is abandoned.
 */
class AWriterAbandonedInAnyStoreIsRecoveredTest {
    private static final int T = 8;
    private static final int T_WRITTEN = 6;
    private static final int SIZE = 32;
    private static final int TILE = 16;
    private static final int INNER_PER_SHARD = 16;
    private static final String UNFINISHED = "0/c/1/0/0/0/0";

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theUnfinishedShardIsRebuiltFromItsJournal() throws Exception {
        WriterSettings settings = WriterSettings.builder().output(Paths.get("abandoned.ome.zarr")).timePoints(T)
                .frameSize(SIZE, SIZE).pixelType(PixelType.UINT16).format(ZarrFormat.V3)
                .chunkShape(1, 1, 1, TILE, TILE).shardShape(4, 1, 1, SIZE, SIZE).codec(CodecSpec.zstd(3))
                .pyramid(PyramidMode.NONE).writerThreads(2).memoryBudgetBytes(16L << 20).build();
        SimulatedCamera camera = new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, 3);
        MemoryStore store = new MemoryStore("abandoned");
        AcquisitionWriter writer = AcquisitionWriter.open(settings, store);
        try {
            for (int t = 0; t < T_WRITTEN; t++) {
                FrameCoordinates frame = FrameCoordinates.of(t, 0, 0);
                writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            while (writer.statistics().framesWritten() < T_WRITTEN) {
                Thread.sleep(1); // every chunk of the frames stored, and so journaled, before the writer is left
            }

            assertNull(store.get(UNFINISHED), "the unfinished shard is invisible before recovery");
            assertTrue(store.listPartials("").containsAll(List.of(UNFINISHED, UNFINISHED + ".journal",
                    "zarrscope-reserve")), "partial values the abandoned writer left: " + store.listPartials(""));

            DatasetRecovery recovery = DatasetRecovery.recover(store);
            assertEquals(List.of("shard " + UNFINISHED + ": 8 inner chunks recovered",
                    "removed the space the writer set aside for finishing (zarrscope-reserve)",
                    "frame table: " + T_WRITTEN + " rows the writer had journaled written as its last segment",
                    "marked (root) recovered (it was still marked acquiring)"), recovery.report(), "the report");
            assertEquals(1, recovery.shardsRecovered(), "shards recovered");
            assertEquals(8, recovery.chunksRecovered(), "inner chunks recovered");
            assertEquals(0, recovery.unrecoverable(), "inner chunks lost");
            assertEquals(List.of(), store.listPartials(""), "partial values after recovery");

            byte[] shard = bytes(store.get(UNFINISHED));
            ShardTail tail = ShardTail.parse(shard, INNER_PER_SHARD);
            assertTrue(tail.crcMatches(), "CRC32C of the recovered index");
            long lastByte = 0;
            for (int inner = 0; inner < INNER_PER_SHARD; inner++) {
                assertEquals(inner >= 8, tail.isEmpty(inner), "inner chunk " + inner + " listed (t = 4, 5 only)");
                if (!tail.isEmpty(inner)) {
                    lastByte = Math.max(lastByte, tail.offset(inner) + tail.length(inner));
                }
            }
            assertEquals(lastByte, tail.indexStart(), "the index starts right after the last chunk byte");

            ZarrReader reader = ZarrReader.open(store, "0");
            for (int t = 0; t < T; t++) {
                FrameCoordinates frame = FrameCoordinates.of(t, 0, 0);
                byte[] expected = t < T_WRITTEN ? bytes(camera.storedPlane(frame, 0)) : new byte[SIZE * SIZE * 2];
                assertArrayEquals(expected, bytes(reader.readPlane(t, 0, 0)), "plane t=" + t + " after recovery");
            }
            assertEquals(T_WRITTEN, FrameTableReader.read(store).size(), "rows in the frame table");
            assertEquals("recovered", ZarrJson.read(store, "zarr.json").path("attributes").path("zarrscope")
                    .path("status").asText(), "the image's status");
        } finally {
            // stops the abandoned writer's threads; what it writes on the way out comes after every check
            writer.abort();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
