package org.zarrscope.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.testing.Buffers.bytes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.zarr.ZarrReader;

/**
 * A computer where no installed c-blosc can be used (here: JNA's own native stub kept from
 * loading, as where {@code java.io.tmpdir} forbids executables) still writes the default
 * byte-shuffled blosc-lz4, through blosc-java: the child says which c-blosc wrote and why, and its
 * dataset reads back pixel-exact in this JVM (through the installed c-blosc where there is one, so
 * each reads the other's frames).
 */
@ExternalProcess
class WhereJnaDoesNotLoadBloscIsWrittenByBloscJavaTest {
    /** JNA neither extracts its stub from its jar nor looks for one on the system. */
    private static final List<String> NO_JNA = List.of("-Djna.noclasspath=true", "-Djna.nosys=true");

    @TempDir
    Path temp;

    @Test
    void theDefaultCodecFallsBackToBloscJavaAndSaysWhy() throws Exception {
        String bench = run("bench", "--frames", "2", "--size", "256x256", "--repeat", "1", "--dir",
                temp.resolve("disk").toString(), "--codec-dir", temp.resolve("codec").toString());
        assertTrue(bench.contains("\nblosc: blosc-java's bundled c-blosc (no installed c-blosc to use: "
                + "java.lang.UnsatisfiedLinkError"), bench);

        Path output = temp.resolve("fallback.ome.zarr");
        String simulate = run("simulate", "--no-progress", "--out", output.toString(), "--frames", "3", "--channels", "2",
                "--size", "96x64", "--seed", "4", "--codec", "blosc-lz4", "--threads", "2", "--memory", "64");
        assertTrue(simulate.contains("6 accepted, 6 written"), simulate);
        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), "0");
        SimulatedCamera camera = new SimulatedCamera(96, 64, PixelType.UINT16, 4);
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 2; c++) {
                FrameCoordinates frame = FrameCoordinates.of(t, c, 0);
                assertArrayEquals(bytes(camera.storedPlane(frame, 0)), bytes(reader.readPlane(t, c, 0)), "pixels of " + frame);
            }
        }
    }

    private String run(String... args) throws IOException, InterruptedException {
        Path log = temp.resolve(args[0] + ".log");
        Process child = ZarrscopeChild.startIn(null, NO_JNA, log, args);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "zarrscope " + args[0] + " finished");
        String output = ZarrscopeChild.output(log);
        assertEquals(0, child.exitValue(), output);
        return output;
    }
}
