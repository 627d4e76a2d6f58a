package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.codec.CodecSpec;

/**
 * The camera thread's side of the pipeline allocates nothing per frame: {@code write} copies the
 * pixels (an array or raw bytes) into a ring slot's buffer (made once, on the slot's first frame)
 * and returns, {@code handOver} only keeps a reference in it. Measured with the JVM's per-thread
 * allocation counter over many frames, so a single stray object per frame would show.
 */
class WriteAllocatesNothingPerFrameTest {
    /** How the camera's frame reaches the writer. */
    private enum Route { WRITE_ARRAY, WRITE_BYTES, HAND_OVER }

    @Test
    void writeAllocatesNoBytesPerFrameOnTheCallingThread(@TempDir Path folder) throws Exception {
        assertNothingAllocated(folder, Route.WRITE_ARRAY);
    }

    @Test
    void writingRawBytesAllocatesNoBytesPerFrameOnTheCallingThread(@TempDir Path folder) throws Exception {
        assertNothingAllocated(folder, Route.WRITE_BYTES);
    }

    @Test
    void handOverAllocatesNoBytesPerFrameOnTheCallingThread(@TempDir Path folder) throws Exception {
        assertNothingAllocated(folder, Route.HAND_OVER);
    }

    private static void assertNothingAllocated(Path folder, Route route) throws Exception {
        WriterSettings probe = settings(folder.resolve("probe"), 1);
        // a slot's buffer is made on the first frame copied into it: measure after one lap of the ring
        int warmUp = probe.memoryPlan().ringSlots() + 500;
        int measured = 3500;
        int frames = warmUp + measured;
        WriterSettings settings = settings(folder.resolve("a.ome.zarr"), frames);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        short[] pixels = new short[64 * 64];
        ByteBuffer bytes = ByteBuffer.allocateDirect(64 * 64 * 2).order(ByteOrder.LITTLE_ENDIAN);
        FrameCoordinates[] coordinates = new FrameCoordinates[frames];
        for (int t = 0; t < frames; t++) {
            coordinates[t] = FrameCoordinates.of(t, 0, 0);
        }
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (int t = 0; t < warmUp; t++) { // also lets the JIT compile the write path
                put(writer, coordinates[t], pixels, bytes, route);
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int t = warmUp; t < frames; t++) {
                put(writer, coordinates[t], pixels, bytes, route);
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            writer.finish();
            long perFrame = allocated / measured;
            assertTrue(perFrame < 8, route + " allocated " + allocated + " bytes for "
                    + measured + " frames (" + perFrame + " per frame)");
        }
    }

    private static WriterSettings settings(Path output, int frames) {
        return WriterSettings.builder().output(output).timePoints(frames)
                .frameSize(64, 64).pixelType(PixelType.UINT16).codec(CodecSpec.none()).writerThreads(1)
                .memoryBudgetBytes(64L << 20).build();
    }

    private static void put(AcquisitionWriter writer, FrameCoordinates frame, short[] pixels, ByteBuffer bytes,
                            Route route) {
        switch (route) {
            case HAND_OVER:
                writer.handOver(frame, pixels, FrameMetadata.NONE);
                break;
            case WRITE_BYTES:
                bytes.clear();
                writer.write(frame, bytes, FrameMetadata.NONE);
                break;
            default:
                writer.write(frame, pixels, FrameMetadata.NONE);
        }
    }
}
