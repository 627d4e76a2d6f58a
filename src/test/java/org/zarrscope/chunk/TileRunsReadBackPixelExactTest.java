package org.zarrscope.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.zarr.ArrayLayout;

/**
 * The writer threads take a handed-over frame's tiles in runs ({@link ChunkGrid#tilesPerWriterTask}):
 * 2 MiB of tiles per task, so a frame of 3 × 3 tiles of 512 × 512 is cut into runs that do not
 * divide it (uint16: 4 + 4 + 1; uint8: 8 + 1; 32-bit: 2 + 2 + 2 + 2 + 1), with partial tiles at
 * the right and bottom edges inside the runs. Every plane reads back pixel-exact through zarrita
 * (v3, sharded) and zarr-python (v2).
 */
@ExternalProcess
class TileRunsReadBackPixelExactTest {
    private static final int WIDTH = 1300;
    private static final int HEIGHT = 1100;
    private static final int TILE = 512;
    private static final int FRAMES = 3;
    private static final List<PixelType> PLANE_TYPES =
            List.of(PixelType.UINT8, PixelType.UINT16, PixelType.UINT32, PixelType.FLOAT32);

    private static WriterSettings.Builder settings(Path output, PixelType type) {
        return WriterSettings.builder().output(output).timePoints(FRAMES).frameSize(WIDTH, HEIGHT).pixelType(type)
                .chunkShape(1, 1, 1, TILE, TILE).writerThreads(2);
    }

    @Test
    void runsHoldTwoMebibytesOfTilesAndNeverMoreThanAFrame() {
        assertEquals(4, grid(PixelType.UINT16, WIDTH, HEIGHT, TILE).tilesPerWriterTask(), "512 KiB tiles");
        assertEquals(8, grid(PixelType.UINT8, WIDTH, HEIGHT, TILE).tilesPerWriterTask(), "256 KiB tiles");
        assertEquals(2, grid(PixelType.FLOAT32, WIDTH, HEIGHT, TILE).tilesPerWriterTask(), "1 MiB tiles");
        assertEquals(1, grid(PixelType.UINT16, 2048, 2048, 2048).tilesPerWriterTask(), "an 8 MiB chunk is a task");
        assertEquals(16, grid(PixelType.UINT16, 512, 512, 128).tilesPerWriterTask(), "32 KiB tiles: the whole frame");
    }

    private static ChunkGrid grid(PixelType type, int width, int height, int tile) {
        return new ChunkGrid(new ArrayLayout(1, 1, 1, height, width, type, new int[] {1, 1, 1, tile, tile}, null,
                CodecSpec.none()));
    }

    @Test
    void everyRunReadsBackThroughBothIndependentReaders(@TempDir Path folder) throws Exception {
        Zarrita.Request v3 = new Zarrita.Request();
        ZarrPython.Request v2 = new ZarrPython.Request();
        for (PixelType type : PLANE_TYPES) {
            Path sharded = folder.resolve(type + "-v3.ome.zarr");
            write(settings(sharded, type).format(ZarrFormat.V3).shardShape(FRAMES, 1, 1, 3 * TILE, 3 * TILE).build());
            v3.add(type.name(), sharded, AcquisitionWriter.FULL_RESOLUTION_PATH);
            Path unsharded = folder.resolve(type + "-v2.ome.zarr");
            write(settings(unsharded, type).format(ZarrFormat.V2).build());
            v2.add(type.name(), unsharded, AcquisitionWriter.FULL_RESOLUTION_PATH);
        }
        Map<String, Zarrita.Dataset> zarrita = Zarrita.read(v3);
        Map<String, ZarrPython.Dataset> zarrPython = ZarrPython.read(v2);
        for (PixelType type : PLANE_TYPES) {
            SimulatedCamera camera = camera(type);
            for (int t = 0; t < FRAMES; t++) {
                String expected = ZarrPython.sha256(camera.storedPlane(FrameCoordinates.of(t, 0, 0), 0));
                assertNull(zarrita.get(type.name()).error(), type + " v3");
                assertEquals(expected, zarrita.get(type.name()).plane(t, 0, 0), "zarrita, " + type + " t=" + t);
                assertNull(zarrPython.get(type.name()).error(), type + " v2");
                assertEquals(expected, zarrPython.get(type.name()).plane(t, 0, 0), "zarr-python, " + type + " t=" + t);
            }
        }
    }

    private static SimulatedCamera camera(PixelType type) {
        return new SimulatedCamera(WIDTH, HEIGHT, type, 11);
    }

    private static void write(WriterSettings settings) throws Exception {
        assertTrue(settings.memoryPlan().writersGatherTiles(), "the writer threads gather the tiles, in runs");
        SimulatedCamera camera = camera(settings.pixelType());
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (int t = 0; t < FRAMES; t++) {
                FrameCoordinates frame = FrameCoordinates.of(t, 0, 0);
                writer.handOver(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            writer.finish();
            assertEquals(FRAMES, writer.statistics().framesWritten());
            assertEquals(FRAMES * 9L, writer.statistics().chunksWritten());
        }
    }
}
