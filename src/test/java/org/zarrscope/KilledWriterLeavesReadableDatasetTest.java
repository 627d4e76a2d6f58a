package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.zarrscope.testing.ZarrscopeChild.output;
import static org.zarrscope.testing.ZarrscopeChild.regularFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.metadata.FrameTableKeys;
import org.zarrscope.ome.OmeXmlDocument;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.zarr.ZarrReader;

/**
 * A writer killed mid-acquisition (SIGKILL: no shutdown hook, no finish) leaves a dataset that
 * zarr-python and Zarrscope's own reader open, whose array shape covers every chunk on disk, and
 * whose every chunk file is whole: chunks are written to a hidden temporary file and renamed, so
 * the only leftovers of the kill may be such temporary files, which readers ignore.
 *
 * <p>The writer runs in a child JVM as the {@code zarrscope simulate} command of an open-ended
 * time-lapse, so its time axis grows while frames arrive; each chunk is one 256×256 uint16 frame
 * whose expected pixels come from {@link SimulatedCamera} with the same seed.
 */
@ExternalProcess
class KilledWriterLeavesReadableDatasetTest {
    private static final int SIZE = 256;
    private static final long SEED = 5;
    private static final int CHUNKS_BEFORE_KILL = 20;
    private static final Duration WAIT_FOR_CHUNKS = Duration.ofSeconds(60);
    /** A chunk key below the array {@code 0}: {@code t/c/z/y/x}. */
    private static final Pattern CHUNK = Pattern.compile("0/(\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+)");

    @TempDir
    Path temporary;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killedWriterLeavesEveryChunkOnDiskReadable() throws Exception {
        Path dataset = temporary.resolve("killed.ome.zarr");
        Path childLog = temporary.resolve("child.log");
        int chunksAtKill = runAndKill(dataset, childLog);

        // Every file is metadata, a whole chunk, or a hidden temporary file left by the kill.
        List<String> temporaries = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        TreeMap<Integer, String> chunksByTime = new TreeMap<>();
        for (String key : regularFiles(dataset)) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            Matcher chunk = CHUNK.matcher(key);
            if (name.startsWith(".") && name.endsWith(FileSystemStore.TEMPORARY_SUFFIX)) {
                temporaries.add(key);
            } else if (name.equals(".zgroup") || name.equals(".zattrs") || key.equals("0/.zarray")
                    || key.startsWith(FrameTableKeys.FOLDER + "/") || key.equals(OmeXmlDocument.KEY)) {
                continue; // the groups' documents (the root's, OME/'s, zarrscope/'s), the frame table, the OME-XML written at open
            } else if (chunk.matches() && chunk.group(2).equals("0") && chunk.group(3).equals("0")
                    && chunk.group(4).equals("0") && chunk.group(5).equals("0")) {
                chunksByTime.put(Integer.parseInt(chunk.group(1)), key);
            } else {
                unexpected.add(key);
            }
        }
        assertTrue(unexpected.isEmpty(), "files that are neither metadata, the frame table, chunks of one whole frame (t/0/0/0/0) nor "
                + "hidden temporary files: " + unexpected);
        assertTrue(chunksByTime.size() >= CHUNKS_BEFORE_KILL, "only " + chunksByTime.size()
                + " chunk files after the kill, " + chunksAtKill + " were seen before it");
        int highestChunkTime = chunksByTime.lastKey();
        System.out.println("killed the writer after " + chunksAtKill + " chunk files; on disk: " + chunksByTime.size()
                + " chunk files up to t=" + highestChunkTime + ", temporary files " + temporaries);

        ZarrPython.Request request = new ZarrPython.Request().add("killed", dataset, "0", true);
        ZarrPython.Dataset read = ZarrPython.read(request).get("killed").assertReadable();
        assertEquals("0", read.multiscalesPath(), "multiscales dataset path");
        int[] shape = read.shape();
        assertNotNull(shape, "zarr-python reported no shape");
        assertTrue(shape[0] > highestChunkTime, "the array's t extent " + shape[0]
                + " does not cover the chunk file of t=" + highestChunkTime + " (.zarray: " + zarray(dataset) + ")");
        assertArrayEquals(new int[] {shape[0], 1, 1, SIZE, SIZE}, shape, "shape zarr-python reads");
        assertArrayEquals(new int[] {1, 1, 1, SIZE, SIZE}, read.chunks(), "chunks zarr-python reads");
        assertEquals("<u2", read.dtype(), "dtype zarr-python reads");
        assertTrue(read.planeErrors().isEmpty(), "chunk files zarr-python cannot decode (half-written?): "
                + read.planeErrors());
        assertEquals(chunksByTime.keySet().stream().map(t -> t + ",0,0").collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(read.planes().keySet()), "planes zarr-python read: one per chunk file on disk");

        FileSystemStore store = new FileSystemStore(dataset);
        ZarrReader reader = ZarrReader.open(store, "0");
        assertArrayEquals(shape, reader.shape(), "shape ZarrReader reads");
        List<String> listed = new ArrayList<>(store.list("0"));
        listed.remove("0/.zarray");
        assertEquals(new TreeSet<>(chunksByTime.values()), new TreeSet<>(listed),
                "FileSystemStore.list lists exactly the chunk files, no temporary file " + temporaries);

        SimulatedCamera camera = new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, SEED);
        Map<String, String> wrong = new TreeMap<>();
        for (int t : chunksByTime.keySet()) {
            ByteBuffer plane = camera.storedPlane(FrameCoordinates.of(t, 0, 0), 0);
            assertEquals(SIZE * SIZE * 2, plane.remaining(), "stored plane size");
            String expected = ZarrPython.sha256(plane);
            if (!expected.equals(read.plane(t, 0, 0))) {
                wrong.put("t=" + t + " zarr-python", read.plane(t, 0, 0) + ", expected " + expected);
            }
            String own;
            try {
                own = ZarrPython.sha256(reader.readPlane(t, 0, 0));
            } catch (IOException e) {
                own = "error " + e.getMessage();
            }
            if (!expected.equals(own)) {
                wrong.put("t=" + t + " ZarrReader", own + ", expected " + expected);
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " planes of the " + chunksByTime.size() + " chunk files read wrong:\n  "
                    + wrong.entrySet().stream().limit(12).map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("\n  ")));
        }
    }

    /**
     * Starts {@code zarrscope simulate} in a child JVM, waits until it has written
     * {@link #CHUNKS_BEFORE_KILL} chunk files, kills it forcibly and waits for it to be gone.
     *
     * @return the chunk files seen just before the kill
     */
    private static int runAndKill(Path dataset, Path childLog) throws Exception {
        Process child = ZarrscopeChild.start(childLog, "simulate", "--out", dataset.toString(), "--format", "v2",
                "--frames", "100000", "--open-ended", "--size", SIZE + "x" + SIZE, "--codec", "blosc-lz4",
                "--no-progress", "--seed", String.valueOf(SEED));
        try {
            long deadline = System.nanoTime() + WAIT_FOR_CHUNKS.toNanos();
            int chunks = 0;
            while (child.isAlive() && System.nanoTime() < deadline) {
                chunks = ZarrscopeChild.chunkFiles(dataset.resolve("0"));
                if (chunks >= CHUNKS_BEFORE_KILL) {
                    break;
                }
                Thread.sleep(5);
            }
            if (!child.isAlive()) {
                fail("the writer exited with " + child.exitValue() + " before it was killed, after " + chunks
                        + " chunk files; its output:\n" + output(childLog));
            }
            if (chunks < CHUNKS_BEFORE_KILL) {
                fail("the writer wrote only " + chunks + " chunk files in " + WAIT_FOR_CHUNKS + "; its output:\n"
                        + output(childLog));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed writer did not exit");
            return chunks;
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Chunk files (not temporary ones) below the array folder while the writer renames files in it. */

    private static String zarray(Path dataset) throws IOException {
        return new String(Files.readAllBytes(dataset.resolve("0/.zarray")), StandardCharsets.UTF_8);
    }
}
