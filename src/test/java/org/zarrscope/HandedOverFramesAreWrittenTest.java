package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.zarr.ZarrReader;

/**
 * Frames handed over by reference ({@code handOver}, the Micro-Manager route) are read in place and
 * written exactly as copied ones, for every pixel type and every way chunks take a frame,
 * interleaved with frames copied by the caller; the same checks refuse a wrong frame, and buffers (which callers
 * reuse) cannot be handed over.
 */
class HandedOverFramesAreWrittenTest {
    private static final int WIDTH = 37;
    private static final int HEIGHT = 21;

    /** How chunks cut the frames: each reads a handed-over frame by another path. */
    enum Layout {
        /** Tiles with partial ones at the edges, gathered straight from the array. */
        PLANE_TILES(1, 16, PyramidMode.NONE),
        /** Two time points per chunk: tiles gathered into chunks that stay open between frames. */
        TIME_PAIRS(2, 16, PyramidMode.NONE),
        /** A chunk is the whole frame: the array is copied once, into the chunk. */
        WHOLE_FRAME(1, 0, PyramidMode.NONE),
        /** The streaming pyramid reads bytes, so wider arrays are copied into their slot first. */
        STREAMING_PYRAMID(1, 16, PyramidMode.STREAMING);

        final int timePerChunk;
        final int tile;
        final PyramidMode pyramid;

        Layout(int timePerChunk, int tile, PyramidMode pyramid) {
            this.timePerChunk = timePerChunk;
            this.tile = tile;
            this.pyramid = pyramid;
        }
    }

    static Stream<Arguments> everyTypeAndLayout() {
        return Arrays.stream(PixelType.values())
                .flatMap(type -> Arrays.stream(Layout.values()).map(layout -> Arguments.of(type, layout)));
    }

    @ParameterizedTest
    @MethodSource("everyTypeAndLayout")
    void handedOverFramesReadBackPixelExact(PixelType type, Layout layout, @TempDir Path folder) throws Exception {
        int frames = 40;
        WriterSettings settings = WriterSettings.builder().output(folder.resolve("h.ome.zarr")).timePoints(frames)
                .frameSize(WIDTH, HEIGHT).pixelType(type)
                .chunkShape(layout.timePerChunk, 1, 1, layout.tile == 0 ? HEIGHT : layout.tile,
                        layout.tile == 0 ? WIDTH : layout.tile)
                .pyramid(layout.pyramid).writerThreads(2).build();
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, type, 5);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (int t = 0; t < frames; t++) {
                FrameCoordinates frame = FrameCoordinates.of(t, 0, 0);
                if (t % 3 == 0) {
                    writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
                } else {
                    writer.handOver(frame, camera.frame(frame), FrameMetadata.NONE);
                }
            }
            writer.finish();
            assertEquals(frames, writer.statistics().framesWritten());
            int tileY = layout.tile == 0 ? HEIGHT : layout.tile;
            int tileX = layout.tile == 0 ? WIDTH : layout.tile;
            long levelZeroChunks = (long) (frames / layout.timePerChunk) * ((HEIGHT + tileY - 1) / tileY)
                    * ((WIDTH + tileX - 1) / tileX) * type.storedChannelsPerFrame();
            assertEquals(levelZeroChunks, writer.statistics().chunksWritten(),
                    "the statistics count full-resolution chunks only, as with a pyramid built after the run");
        }
        ZarrReader reader = ZarrReader.open(new FileSystemStore(settings.output()), "0");
        for (int t = 0; t < frames; t++) {
            for (int component = 0; component < type.storedChannelsPerFrame(); component++) {
                assertEquals(ZarrPython.sha256(camera.storedPlane(FrameCoordinates.of(t, 0, 0), component)),
                        ZarrPython.sha256(reader.readPlane(t, component, 0)),
                        type + " " + layout + " t=" + t + " component " + component);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PixelType.class, names = "UINT16")
    void wrongFramesAndBuffersAreRefused(PixelType type, @TempDir Path folder) throws Exception {
        WriterSettings settings = WriterSettings.builder().output(folder.resolve("r.ome.zarr")).timePoints(2)
                .frameSize(WIDTH, HEIGHT).pixelType(type).pyramid(PyramidMode.NONE).build();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            FrameCoordinates first = FrameCoordinates.of(0, 0, 0);
            assertTrue(assertThrows(FrameRejectedException.class, () -> writer.handOver(first, new byte[WIDTH * HEIGHT],
                    FrameMetadata.NONE)).getMessage().contains("uint16"));
            assertTrue(assertThrows(FrameRejectedException.class, () -> writer.handOver(first, new short[3],
                    FrameMetadata.NONE)).getMessage().contains("expected " + WIDTH + " x " + HEIGHT));
            assertThrows(FrameRejectedException.class, () -> writer.handOver(first,
                    ByteBuffer.allocate(WIDTH * HEIGHT * 2), FrameMetadata.NONE), "a buffer is reused by its owner");
            writer.handOver(first, new short[WIDTH * HEIGHT], FrameMetadata.NONE); // the refused ones left no trace
            writer.finish();
            assertEquals(1, writer.statistics().framesWritten());
        }
    }
}
