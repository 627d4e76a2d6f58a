package org.zarrscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.zarr.ZarrJson;

/**
 * Ctrl-C (SIGINT) or SIGTERM during {@code zarrscope simulate}, sent to a child JVM as a terminal or
 * a service manager sends it: the run stops, exits with 130 or 143, and leaves a finished dataset
 * (status {@code aborted}) whose every written frame zarr-python reads without {@code recover},
 * each with its row in the frame table.
 */
@ExternalProcess
class StoppingWithASignalFinishesTheDatasetTest {
    private static final int SIZE = 128;
    private static final long SEED = 11;
    private static final int CHUNKS_BEFORE_SIGNAL = 10;

    @TempDir
    Path temp;

    /** Whether this process ignores SIGINT: bit 2 of {@code SigIgn} in {@code /proc/self/status} (Linux). */
    private static boolean interruptIgnored() throws IOException {
        Path status = Paths.get("/proc/self/status");
        if (!Files.isRegularFile(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalStopsTheRunAndFinishesTheDataset(String signal, int exitCode) throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "POSIX signals");
        assumeFalse(signal.equals("INT") && interruptIgnored(), "this test's JVM ignores SIGINT (it runs as a background "
                + "job of a shell without job control), so the child inherits that and keeps it, as StopSignals means to");
        Path dataset = temp.resolve("signalled.ome.zarr");
        Path log = temp.resolve("child.log");
        Process child = ZarrscopeChild.start(log, "simulate", "--out", dataset.toString(), "--format", "v2",
                "--frames", "20000", "--size", SIZE + "x" + SIZE, "--chunk", "1,1,1," + SIZE + "," + SIZE,
                "--pyramid", "none", "--no-progress", "--seed", String.valueOf(SEED));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ZarrscopeChild.chunkFiles(dataset.resolve("0")) < CHUNKS_BEFORE_SIGNAL) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    fail("no " + CHUNKS_BEFORE_SIGNAL + " chunks before the signal:\n" + ZarrscopeChild.output(log));
                }
                Thread.sleep(5);
            }
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertEquals(0, kill.waitFor(), "kill -" + signal);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run ends after SIG" + signal);
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String output = ZarrscopeChild.output(log);
        assertEquals(exitCode, child.exitValue(), output);
        assertTrue(output.contains("zarrscope: stopped by " + (signal.equals("INT") ? "Ctrl-C (SIGINT)" : "SIGTERM")
                + " after "), output);

        JsonNode attributes = ZarrJson.MAPPER.readTree(dataset.resolve(".zattrs").toFile());
        assertEquals("aborted", attributes.path("zarrscope").path("status").asText());
        int frames = FrameTableReader.read(new FileSystemStore(dataset)).size();
        assertTrue(frames >= CHUNKS_BEFORE_SIGNAL && frames < 20_000, frames + " frames in the table");
        assertTrue(output.contains("frames: " + frames + " accepted, " + frames + " written"), output);

        ZarrPython.Dataset read = ZarrPython.read(new ZarrPython.Request().add("signalled", dataset, "0", true))
                .get("signalled").assertReadable();
        assertEquals(IntStream.range(0, frames).mapToObj(t -> t + ",0,0").collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(read.planes().keySet()), "a plane on disk for every frame in the table, and no other");
        SimulatedCamera camera = new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, SEED);
        for (int t = 0; t < frames; t++) {
            assertEquals(ZarrPython.sha256(camera.storedPlane(FrameCoordinates.of(t, 0, 0), 0)), read.plane(t, 0, 0),
                    "pixels of time point " + t);
        }
    }
}
