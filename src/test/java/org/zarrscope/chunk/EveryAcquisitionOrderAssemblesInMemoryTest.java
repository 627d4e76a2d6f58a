package org.zarrscope.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.PixelType;
import org.zarrscope.PyramidMode;
import org.zarrscope.StagePosition;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.MemoryStore;
import org.zarrscope.zarr.ZarrReader;

/**
 * The fast layer's check of chunk assembly: every acquisition order (t, c, z, and the stage
 * position at each depth) × chunks of one plane, 3-D chunks with edges along every axis, and tiles
 * with partial edge tiles × frames copied in or handed over, written through the whole pipeline
 * into a {@link MemoryStore} and read back plane by plane, pixel-exact. No disk and no other
 * process; the independent readers check the same layouts on disk in the round-trip matrices.
 */
class EveryAcquisitionOrderAssemblesInMemoryTest {
    private static final int POSITIONS = 2;
    private static final int T = 3;
    private static final int C = 2;
    private static final int Z = 3;
    private static final int WIDTH = 20;
    private static final int HEIGHT = 12;

    static Stream<Arguments> orderChunksAndApi() {
        List<Arguments> cases = new ArrayList<>();
        List<int[]> chunks = Arrays.asList(new int[] {1, 1, 1, HEIGHT, WIDTH}, new int[] {2, 2, 2, 8, 8},
                new int[] {1, 1, 1, 8, 8});
        for (String order : orders()) {
            for (int[] chunk : chunks) {
                for (boolean handOver : new boolean[] {false, true}) {
                    cases.add(Arguments.of(order, chunk, handOver));
                }
            }
        }
        return cases.stream();
    }

    /** Every permutation of t, c and z, with the stage position at every depth. */
    private static List<String> orders() {
        List<String> orders = new ArrayList<>();
        for (String axes : new String[] {"tcz", "tzc", "ctz", "czt", "ztc", "zct"}) {
            for (int depth = 0; depth <= 3; depth++) {
                orders.add(axes.substring(0, depth) + "p" + axes.substring(depth));
            }
        }
        return orders;
    }

    @ParameterizedTest(name = "{0} chunks {1} handOver {2}")
    @MethodSource("orderChunksAndApi")
    void everyPlaneReadsBackPixelExact(String order, int[] chunk, boolean handOver) throws Exception {
        WriterSettings settings = WriterSettings.builder().output(Paths.get("in-memory.ome.zarr")).timePoints(T)
                .channels(C).zSlices(Z).frameSize(WIDTH, HEIGHT).pixelType(PixelType.UINT16)
                .chunkShape(chunk[0], chunk[1], chunk[2], chunk[3], chunk[4])
                .positions(Arrays.asList(StagePosition.named("Pos0"), StagePosition.named("Pos1")))
                .order(AcquisitionOrder.parse(order)).format(ZarrFormat.V3).codec(CodecSpec.none())
                .pyramid(PyramidMode.NONE).writerThreads(2).memoryBudgetBytes(16L << 20).build();
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, 11);
        MemoryStore store = new MemoryStore(order);
        List<String> arrays = new ArrayList<>();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings, store)) {
            settings.order().forEachFrame(POSITIONS, T, C, Z, frame -> {
                Object pixels = camera.frame(drawn(frame));
                if (handOver) {
                    writer.handOver(frame, pixels, FrameMetadata.NONE);
                } else {
                    writer.write(frame, pixels, FrameMetadata.NONE);
                }
            });
            writer.finish();
            assertEquals((long) POSITIONS * T * C * Z, writer.statistics().framesWritten());
            for (int position = 0; position < POSITIONS; position++) {
                arrays.add(writer.imagePath(position) + "/" + AcquisitionWriter.FULL_RESOLUTION_PATH);
            }
        }
        for (int position = 0; position < POSITIONS; position++) {
            ZarrReader reader = ZarrReader.open(store, arrays.get(position));
            for (int t = 0; t < T; t++) {
                for (int c = 0; c < C; c++) {
                    for (int z = 0; z < Z; z++) {
                        FrameCoordinates frame = FrameCoordinates.at(position, t, c, z);
                        assertArrayEquals(bytes(camera.storedPlane(drawn(frame), 0)), bytes(reader.readPlane(t, c, z)),
                                order + " position " + position + " t=" + t + " c=" + c + " z=" + z);
                    }
                }
            }
        }
    }

    /** Each position's frames drawn apart: the camera draws position p's time t as time t + 100 p. */
    private static FrameCoordinates drawn(FrameCoordinates frame) {
        return FrameCoordinates.of(frame.time() + 100 * frame.position(), frame.channel(), frame.z());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
