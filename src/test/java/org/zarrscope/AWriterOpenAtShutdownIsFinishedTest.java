package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.zarr.ZarrJson;

/**
 * A program that exits while its writer is open (Micro-Manager closed mid-run, a script's
 * {@code System.exit}) leaves a finished dataset: status {@code aborted}, every frame written
 * before the exit readable without {@code recover}, with its metadata.
 */
@ExternalProcess
class AWriterOpenAtShutdownIsFinishedTest {
    static final int WRITTEN = 7;

    /** The child: writes {@value #WRITTEN} of 1000 planned frames, then exits without finishing. */
    public static void main(String[] args) throws Exception {
        WriterSettings settings = WriterSettings.builder().output(Paths.get(args[0])).timePoints(1000)
                .frameSize(64, 32).build();
        AcquisitionWriter writer = AcquisitionWriter.open(settings);
        for (int t = 0; t < WRITTEN; t++) {
            short[] pixels = new short[64 * 32];
            Arrays.fill(pixels, (short) (t + 1));
            writer.write(FrameCoordinates.of(t, 0, 0), pixels, FrameMetadata.builder().elapsedMs(t * 10).build());
        }
        System.exit(0);
    }

    @Test
    void exitingWithAWriterOpenFinishesItsDataset(@TempDir Path folder) throws Exception {
        Path dataset = folder.resolve("exited.ome.zarr");
        Path log = folder.resolve("child.log");
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), getClass().getName(), dataset.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ends");
        assertEquals(0, child.exitValue(), ZarrscopeChild.output(log));

        JsonNode zarrscope = ZarrJson.MAPPER.readTree(dataset.resolve("zarr.json").toFile())
                .path("attributes").path("zarrscope");
        assertEquals("aborted", zarrscope.path("status").asText());
        assertEquals(WRITTEN, FrameTableReader.read(new FileSystemStore(dataset)).size(), "a table row per frame");
        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("exited", dataset, "0")).get("exited");
        read.assertReadable();
        for (int t = 0; t < WRITTEN; t++) {
            short[] expected = new short[64 * 32];
            Arrays.fill(expected, (short) (t + 1));
            ByteBuffer bytes = ByteBuffer.allocate(expected.length * 2)
                    .order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put(expected);
            assertEquals(Zarrita.sha256(bytes), read.plane(t, 0, 0), "time point " + t + " without recover");
        }
        assertTrue(new File(dataset.toFile(), "OME/METADATA.ome.xml").isFile(), "OME-XML is written");
    }
}
