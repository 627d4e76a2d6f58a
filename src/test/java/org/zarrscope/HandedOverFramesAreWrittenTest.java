package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.zarr.ZarrReader;

/**
 * Frames handed over by reference ({@code handOver}, the Micro-Manager route) are copied on the
 * ring's first stage and written exactly as copied ones, for every pixel type, interleaved with
 * frames copied by the caller; the same checks refuse a wrong frame, and buffers (which callers
 * reuse) cannot be handed over.
 */
class HandedOverFramesAreWrittenTest {
    private static final int WIDTH = 37;
    private static final int HEIGHT = 21;

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void handedOverFramesReadBackPixelExact(PixelType type, @TempDir Path folder) throws Exception {
        int frames = 40;
        WriterSettings settings = WriterSettings.builder().output(folder.resolve("h.ome.zarr")).timePoints(frames)
                .frameSize(WIDTH, HEIGHT).pixelType(type).chunkShape(2, 1, 1, 16, 16).pyramid(PyramidMode.NONE)
                .writerThreads(2).build();
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
        }
        ZarrReader reader = ZarrReader.open(new FileSystemStore(settings.output()), "0");
        for (int t = 0; t < frames; t++) {
            for (int component = 0; component < type.storedChannelsPerFrame(); component++) {
                assertEquals(ZarrPython.sha256(camera.storedPlane(FrameCoordinates.of(t, 0, 0), component)),
                        ZarrPython.sha256(reader.readPlane(t, component, 0)), type + " t=" + t + " component " + component);
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
