package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.zarr.ZarrReader;

/**
 * Stopping an acquisition from another thread while the camera thread is still writing: every
 * frame {@code write} accepted is on disk, and a Stop pressed twice (an interrupted finish) still
 * completes the dataset.
 */
class StoppingWhileTheCameraWritesLosesNothingTest {
    @TempDir
    Path temp;

    @Test
    void everyFrameWriteAcceptedBeforeAbortIsWritten() throws Exception {
        for (int run = 0; run < 40; run++) {
            Path output = temp.resolve("race-" + run + ".ome.zarr");
            WriterSettings settings = WriterSettings.builder().output(output).timePoints(1_000_000)
                    .frameSize(16, 16).codec(org.zarrscope.codec.CodecSpec.none()).writerThreads(1)
                    .memoryBudgetBytes(64L << 10).format(ZarrFormat.V2)
                    .durable(false) // the race is between write and abort; forcing thousands of files only slows it
                    .build();
            AcquisitionWriter writer = AcquisitionWriter.open(settings);
            AtomicInteger accepted = new AtomicInteger();
            Thread camera = new Thread(() -> {
                short[] pixels = new short[256];
                for (int t = 0; ; t++) {
                    pixels[0] = (short) (t + 1);
                    try {
                        writer.write(FrameCoordinates.of(t, 0, 0), pixels, FrameMetadata.NONE);
                    } catch (IllegalStateException stopped) {
                        return;
                    }
                    accepted.incrementAndGet();
                }
            });
            camera.start();
            Thread.sleep(1 + run % 3);
            writer.abort();
            camera.join();

            int frames = accepted.get();
            long chunkFiles;
            try (Stream<Path> files = Files.walk(output.resolve(AcquisitionWriter.FULL_RESOLUTION_PATH))) {
                chunkFiles = files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith(".")).count();
            }
            assertEquals(frames, chunkFiles, "run " + run + ": every accepted frame, and only those, is on disk");
            ZarrReader reader = ZarrReader.open(new FileSystemStore(output), AcquisitionWriter.FULL_RESOLUTION_PATH);
            for (int t : frames == 0 ? new int[0] : new int[] {0, frames / 2, frames - 1}) { // abort may beat the camera
                ByteBuffer chunk = reader.readChunk(t, 0, 0, 0, 0);
                assertNotNull(chunk, "frame t=" + t + " of run " + run + " was accepted but not written");
                assertEquals(t + 1, chunk.getShort(0), "frame t=" + t + " of run " + run);
            }
            assertNull(reader.readChunk(frames, 0, 0, 0, 0), "a refused frame was written in run " + run);
        }
    }

    @Test
    void anInterruptedFinishStillCompletesTheDataset() throws Exception {
        Path output = temp.resolve("interrupted.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).timePoints(8).frameSize(32, 32)
                .chunkShape(1, 1, 1, 16, 16).shardShape(4, 1, 1, 32, 32).build();
        AcquisitionWriter writer = AcquisitionWriter.open(settings);
        for (int t = 0; t < 6; t++) { // the second shard stays partly filled
            writer.write(FrameCoordinates.of(t, 0, 0), new short[32 * 32], FrameMetadata.NONE);
        }
        Thread.currentThread().interrupt();
        writer.finish();
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");

        assertTrue(new String(Files.readAllBytes(output.resolve("zarr.json"))).contains("\"complete\""));
        assertNotNull(ZarrReader.open(new FileSystemStore(output), "0").readChunk(5, 0, 0, 1, 1), "t=5 in shard 2");
        try (Stream<Path> files = Files.walk(output)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(FileSystemStore.TEMPORARY_SUFFIX)),
                    "no unfinished shard left behind");
        }
    }
}
