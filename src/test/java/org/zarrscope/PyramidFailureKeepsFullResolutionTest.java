package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.ForwardingStore;
import org.zarrscope.testing.Buffers;
import org.zarrscope.testing.MetadataValidation;
import org.zarrscope.zarr.ZarrReader;

/**
 * A pyramid level that cannot be written (a full disk), after the run or while streaming, fails
 * the writer loudly: the dataset is marked {@code failed}, {@code multiscales} declares level 0
 * only (never a level with holes), and the full-resolution data stays readable. After the run,
 * level 0 is complete (it was on disk before the pyramid started); while streaming, the first
 * failure stops the whole pipeline as any chunk failure does, so each level-0 plane is either
 * exact or the fill value, never garbage.
 */
class PyramidFailureKeepsFullResolutionTest {
    private static final int WIDTH = 96;
    private static final int HEIGHT = 80;
    private static final int TIME_POINTS = 3;

    @TempDir
    Path temp;

    /** A file-system store whose writes below {@code 1/} (pyramid level 1) fail as on a full disk. */
    private static final class FullForLevelOne extends ForwardingStore {
        FullForLevelOne(Path root) throws IOException {
            super(new FileSystemStore(root));
        }

        @Override
        public void put(String key, ByteBuffer value) throws IOException {
            if (key.startsWith("1/") && !key.endsWith(".zarray")) {
                throw new IOException("No space left on device");
            }
            super.put(key, value);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PyramidMode.class, names = {"AFTER", "STREAMING"})
    void aLevelThatCannotBeWrittenFailsTheWriterAndLeavesLevelZeroDeclaredAndReadable(PyramidMode mode)
            throws IOException {
        Path output = temp.resolve(mode + ".ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V2).timePoints(TIME_POINTS)
                .frameSize(WIDTH, HEIGHT).chunkShape(1, 1, 1, 32, 32).writerThreads(2).memoryBudgetBytes(16L << 20)
                .pyramid(mode).build();
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, 3);
        WriterFailedException failed;
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings, new FullForLevelOne(output))) {
            failed = assertThrows(WriterFailedException.class, () -> {
                for (int t = 0; t < TIME_POINTS; t++) {
                    writer.write(FrameCoordinates.of(t, 0, 0), camera.frame(FrameCoordinates.of(t, 0, 0)),
                            FrameMetadata.NONE);
                }
                writer.finish();
            });
        }
        assertTrue(failed.getMessage().contains("No space left on device") && failed.getMessage().contains("1/"),
                "the failure names the cause and the level-1 chunk: " + failed.getMessage());

        JsonNode attributes = MetadataValidation.readJson(output.resolve(".zattrs"));
        assertEquals("failed", attributes.get("zarrscope").get("status").asText(), "status");
        JsonNode datasets = attributes.get("multiscales").get(0).get("datasets");
        assertEquals(1, datasets.size(), "only level 0 is declared: " + datasets);
        assertEquals("0", datasets.get(0).get("path").asText());

        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), "0");
        byte[] zeros = new byte[WIDTH * HEIGHT * 2];
        for (int t = 0; t < TIME_POINTS; t++) {
            byte[] expected = Buffers.bytes(camera.storedPlane(FrameCoordinates.of(t, 0, 0), 0));
            byte[] read = Buffers.bytes(reader.readPlane(t, 0, 0));
            if (mode == PyramidMode.AFTER || !Arrays.equals(zeros, read)) {
                assertArrayEquals(expected, read, "level 0 plane t=" + t + " in " + mode + " mode");
            }
        }
    }
}
