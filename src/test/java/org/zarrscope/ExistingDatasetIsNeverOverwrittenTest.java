package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.zarr.ZarrReader;

/** Opening a writer on a folder that already holds an acquisition fails and leaves that acquisition intact. */
class ExistingDatasetIsNeverOverwrittenTest {
    @Test
    void aSecondRunIntoTheSameFolderIsRefused(@TempDir Path temp) throws Exception {
        Path output = temp.resolve("run.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).timePoints(1).frameSize(8, 4).build();
        short[] pixels = new short[32];
        pixels[5] = 1234;
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            writer.write(FrameCoordinates.of(0, 0, 0), pixels, FrameMetadata.NONE);
            writer.finish();
        }
        byte[] metadataBefore = Files.readAllBytes(output.resolve("zarr.json"));

        IOException refused = assertThrows(IOException.class, () -> AcquisitionWriter.open(settings));
        assertTrue(refused.getMessage().contains(output.toAbsolutePath().normalize().toString())
                && refused.getMessage().contains("already holds data"), refused.getMessage());

        assertArrayEquals(metadataBefore, Files.readAllBytes(output.resolve("zarr.json")));
        short[] read = new short[32];
        ZarrReader.open(new FileSystemStore(output), AcquisitionWriter.FULL_RESOLUTION_PATH).readPlane(0, 0, 0)
                .asShortBuffer().get(read);
        assertArrayEquals(pixels, read);
    }

    @Test
    void anEmptyFolderIsFine(@TempDir Path temp) throws Exception {
        WriterSettings settings = WriterSettings.builder().output(temp).timePoints(1).frameSize(8, 4).build();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            writer.finish();
        }
        assertTrue(Files.exists(temp.resolve("zarr.json")));
    }
}
