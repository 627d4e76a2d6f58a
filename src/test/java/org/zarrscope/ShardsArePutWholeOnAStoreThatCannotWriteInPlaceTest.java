package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.ForwardingStore;
import org.zarrscope.store.MemoryStore;
import org.zarrscope.store.Store;
import org.zarrscope.testing.ShardTail;
import org.zarrscope.zarr.ZarrReader;

/**
 * A sharded Zarr v3 run on a store that cannot write in place (an object store: positional writes
 * refused) is written all the same, each shard put whole: every pixel reads back, and every shard
 * holds the very bytes the same run writes with positional writes, its index included. The run
 * stops before its last frames, so some shards are completed when it finishes rather than by
 * their last inner chunk, and the frame's edge tiles make shards at the array's edge smaller.
 */
class ShardsArePutWholeOnAStoreThatCannotWriteInPlaceTest {
    private static final int T = 6;
    /** Frames written: t = 0..2, so the shard of t = 2, 3 is completed at finish, and that of t = 4, 5 never opens. */
    private static final int T_WRITTEN = 3;
    private static final int C = 2;
    private static final int WIDTH = 40;
    private static final int HEIGHT = 24;
    private static final int TILE = 16;
    /** Inner chunks per shard: 2 time points × 2 × 2 tiles. */
    private static final int INNER_PER_SHARD = 8;

    @Test
    void everyShardIsTheOnePositionalWritesMake() throws Exception {
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, 5);
        MemoryStore inPlace = new MemoryStore("positional writes");
        MemoryStore underneath = new MemoryStore("no positional writes");
        // one writer thread: chunks reach each shard in the same order in both runs
        run(settings(PyramidMode.NONE, 1), inPlace, camera);
        run(settings(PyramidMode.NONE, 1), new CannotWriteInPlace(underneath), camera);

        assertEquals(inPlace.list(""), underneath.list(""), "keys of the two runs");
        List<String> shards = underneath.list("0/c");
        assertEquals(2 * C * 2, shards.size(), "shards: 2 along t (t = 0, 1 and t = 2, 3) × " + C
                + " channels × 2 along x: " + shards);
        for (String key : shards) {
            byte[] whole = bytes(underneath.get(key));
            assertArrayEquals(bytes(inPlace.get(key)), whole, "shard " + key + " put whole vs. written in place");
            ShardTail tail = ShardTail.parse(whole, INNER_PER_SHARD);
            assertTrue(tail.crcMatches(), "CRC32C of the index of " + key);
            boolean edge = key.endsWith("/1"); // x shard 1 holds one column of tiles
            boolean stopped = key.startsWith("0/c/1/"); // t = 3 was never written
            for (int inner = 0; inner < INNER_PER_SHARD; inner++) {
                boolean written = !(edge && inner % 2 == 1) && !(stopped && inner >= 4);
                assertEquals(!written, tail.isEmpty(inner), "inner chunk " + inner + " of " + key + " listed");
                if (written) {
                    assertTrue(tail.offset(inner) >= 0 && tail.offset(inner) + tail.length(inner) <= tail.indexStart(),
                            "inner chunk " + inner + " of " + key + " lies before the index");
                }
            }
        }
        assertEquals(List.of(), underneath.listPartials(""), "partial values in the store that cannot write in place");
        assertPlanes(ZarrReader.open(underneath, "0"), camera);
    }

    /** The pyramid built after the run reads level 0's shards and puts its own whole, as the writer threads do. */
    @Test
    void thePyramidIsBuiltFromShardsPutWhole() throws Exception {
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, 6);
        MemoryStore inPlace = new MemoryStore("positional writes");
        MemoryStore underneath = new MemoryStore("no positional writes");
        run(settings(PyramidMode.AFTER, 2), inPlace, camera);
        run(settings(PyramidMode.AFTER, 2), new CannotWriteInPlace(underneath), camera);

        assertPlanes(ZarrReader.open(underneath, "0"), camera);
        ZarrReader expected = ZarrReader.open(inPlace, "1");
        ZarrReader read = ZarrReader.open(underneath, "1");
        assertArrayEquals(expected.shape(), read.shape(), "level 1's shape");
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                assertArrayEquals(bytes(expected.readPlane(t, c, 0)), bytes(read.readPlane(t, c, 0)),
                        "level 1 t=" + t + " c=" + c);
            }
        }
    }

    private static WriterSettings settings(PyramidMode pyramid, int writerThreads) {
        return WriterSettings.builder().output(Paths.get("shards.ome.zarr")).timePoints(T).channels(C)
                .frameSize(WIDTH, HEIGHT).pixelType(PixelType.UINT16).format(ZarrFormat.V3)
                .chunkShape(1, 1, 1, TILE, TILE).shardShape(2, 1, 1, 2 * TILE, 2 * TILE).codec(CodecSpec.zstd(3))
                .pyramid(pyramid).pyramidLevels(pyramid == PyramidMode.NONE ? 1 : 2).writerThreads(writerThreads)
                .memoryBudgetBytes(16L << 20).build();
    }

    private static void run(WriterSettings settings, Store store, SimulatedCamera camera) throws IOException {
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings, store)) {
            for (int t = 0; t < T_WRITTEN; t++) {
                for (int c = 0; c < C; c++) {
                    FrameCoordinates frame = FrameCoordinates.of(t, c, 0);
                    writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
                }
            }
            writer.finish();
            assertEquals((long) T_WRITTEN * C, writer.statistics().framesWritten(), "frames written to "
                    + store.describe());
        }
    }

    /** Written frames pixel-exact, the others the fill value. */
    private static void assertPlanes(ZarrReader reader, SimulatedCamera camera) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                FrameCoordinates frame = FrameCoordinates.of(t, c, 0);
                byte[] expected = t < T_WRITTEN ? bytes(camera.storedPlane(frame, 0)) : new byte[WIDTH * HEIGHT * 2];
                if (!Arrays.equals(expected, bytes(reader.readPlane(t, c, 0)))) {
                    wrong.add("t=" + t + " c=" + c);
                }
            }
        }
        assertEquals(List.of(), wrong, "planes that do not read back as written");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** A store as an object store is: no positional writes, so no partial values. */
    private static final class CannotWriteInPlace extends ForwardingStore {
        CannotWriteInPlace(Store store) {
            super(store);
        }

        @Override
        public boolean writesInPlace() {
            return false;
        }

        @Override
        public PartialFile openPartial(String key) {
            throw new UnsupportedOperationException(describe() + " cannot write " + key + " in place");
        }
    }
}
