package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.codec.CodecSpec;

/**
 * The camera thread's side of the pipeline allocates nothing per frame: {@code write} copies the
 * pixels into a pre-allocated ring slot and returns, {@code handOver} only keeps a reference in
 * it. Measured with the JVM's per-thread
 * allocation counter over many frames, so a single stray object per frame would show.
 */
class WriteAllocatesNothingPerFrameTest {
    @Test
    void writeAllocatesNoBytesPerFrameOnTheCallingThread(@TempDir Path folder) throws Exception {
        assertNothingAllocated(folder, false);
    }

    @Test
    void handOverAllocatesNoBytesPerFrameOnTheCallingThread(@TempDir Path folder) throws Exception {
        assertNothingAllocated(folder, true);
    }

    private static void assertNothingAllocated(Path folder, boolean byReference) throws Exception {
        int frames = 4000;
        WriterSettings settings = WriterSettings.builder().output(folder.resolve("a.ome.zarr")).timePoints(frames)
                .frameSize(64, 64).pixelType(PixelType.UINT16).codec(CodecSpec.none()).writerThreads(1)
                .memoryBudgetBytes(64L << 20).build();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        short[] pixels = new short[64 * 64];
        FrameCoordinates[] coordinates = new FrameCoordinates[frames];
        for (int t = 0; t < frames; t++) {
            coordinates[t] = FrameCoordinates.of(t, 0, 0);
        }
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (int t = 0; t < 500; t++) { // warm up: let the JIT compile the write path
                put(writer, coordinates[t], pixels, byReference);
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int t = 500; t < frames; t++) {
                put(writer, coordinates[t], pixels, byReference);
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            writer.finish();
            long perFrame = allocated / (frames - 500);
            assertTrue(perFrame < 8, (byReference ? "handOver" : "write") + " allocated " + allocated + " bytes for " + (frames - 500)
                    + " frames (" + perFrame + " per frame)");
        }
    }

    private static void put(AcquisitionWriter writer, FrameCoordinates frame, short[] pixels, boolean byReference) {
        if (byReference) {
            writer.handOver(frame, pixels, FrameMetadata.NONE);
        } else {
            writer.write(frame, pixels, FrameMetadata.NONE);
        }
    }
}
