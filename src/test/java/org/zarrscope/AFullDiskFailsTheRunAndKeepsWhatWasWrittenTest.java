package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.zarrscope.testing.Buffers.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ExternalReader;
import org.zarrscope.testing.FillingStore;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.zarr.ZarrReader;

/**
 * A disk that fills up in the middle of a run: the writer stops taking frames; {@code finish}
 * (and the command line, exit 1) fails naming the dataset, the chunk and "No space left on
 * device", and says how many frames are readable and that {@code recover} has nothing to add;
 * the dataset is marked {@code failed}; every frame written before the failure reads back
 * pixel-exact without {@code recover}, with Zarrscope's reader and an independent one, and
 * {@code info} counts it; frames after it read as the fill value. Shown on a pretend disk that
 * fills after N bytes (runs everywhere) and on a real 8 MB tmpfs (where the test may mount one).
 */
@ExternalProcess
class AFullDiskFailsTheRunAndKeepsWhatWasWrittenTest {
    private static final Pattern FRAMES_WRITTEN = Pattern.compile("; (\\d+) frames were written before the failure");
    private static final int SIZE = 64;
    private static final int TIME_POINTS = 40;

    @TempDir
    Path temp;

    @Test
    void zarrV3ShardsOnADiskThatFills() throws Exception {
        Path dataset = temp.resolve("v3.ome.zarr");
        WriterSettings settings = settings(dataset, ZarrFormat.V3).shardShape(TIME_POINTS, 1, 1, SIZE, SIZE).build();
        int written = writeUntilTheDiskIsFull(settings);
        assertFailedAndReadable(dataset, ZarrFormat.V3, TIME_POINTS, written, new SimulatedCamera(SIZE, SIZE,
                PixelType.UINT16, 7));
    }

    @Test
    void zarrV2ChunksOnADiskThatFills() throws Exception {
        Path dataset = temp.resolve("v2.ome.zarr");
        int written = writeUntilTheDiskIsFull(settings(dataset, ZarrFormat.V2).build());
        assertFailedAndReadable(dataset, ZarrFormat.V2, TIME_POINTS, written, new SimulatedCamera(SIZE, SIZE,
                PixelType.UINT16, 7));
    }

    /** The reliability tester's run: {@code zarrscope simulate} (v3, sharded) onto a real 8 MB file system. */
    @Test
    void simulateOnARealTmpfsThatFills() throws Exception {
        Path disk = Files.createDirectories(temp.resolve("small-disk"));
        mountTmpfs(disk);
        try {
            Path dataset = disk.resolve("run.ome.zarr");
            int timePoints = 100; // 13 MB of 256 x 256 uint16 frames onto 8 MB
            CommandRun run = CommandRun.zarrscope("simulate", "--out=" + dataset, "--frames=" + timePoints,
                    "--size=256x256", "--codec=none", "--threads=1", "--no-progress");
            assertEquals(1, run.exitCode, run.toString());
            int written = framesWritten(run.err, dataset);
            assertFailedAndReadable(dataset, ZarrFormat.V3, timePoints, written,
                    new SimulatedCamera(256, 256, PixelType.UINT16, 1));
        } finally {
            assertNull(command("umount", disk.toString()), "the test unmounts its tmpfs");
        }
    }

    private static WriterSettings.Builder settings(Path dataset, ZarrFormat format) {
        // one writer thread: chunks reach the disk in frame order, so those written are the first ones
        return WriterSettings.builder().output(dataset).format(format).timePoints(TIME_POINTS).frameSize(SIZE, SIZE)
                .pixelType(PixelType.UINT16).codec(CodecSpec.none()).writerThreads(1).pyramid(PyramidMode.NONE)
                .memoryBudgetBytes(4L << 20);
    }

    /** Writes frames until the writer refuses them; the disk has room for about 20 of the 40. */
    private int writeUntilTheDiskIsFull(WriterSettings settings) throws IOException {
        FillingStore store = new FillingStore(settings.output());
        SimulatedCamera camera = new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, 7);
        WriterFailedException failure;
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings, store)) {
            store.capacity(store.used() + 20L * settings.frameBytes());
            try {
                for (int t = 0; t < TIME_POINTS; t++) {
                    FrameCoordinates frame = FrameCoordinates.of(t, 0, 0);
                    writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
                }
            } catch (WriterFailedException refused) {
                assertTrue(refused.getMessage().contains("No space left on device"), refused.getMessage());
            }
            failure = assertThrows(WriterFailedException.class, writer::finish, "finish must never report success");
        }
        int written = framesWritten(failure.getMessage(), settings.output());
        assertTrue(written >= 10 && written < TIME_POINTS, failure.getMessage());
        return written;
    }

    /** The frames the failure's message says are readable, after checking what else it says. */
    private static int framesWritten(String message, Path dataset) {
        assertTrue(message.contains(dataset.toAbsolutePath().normalize().toString()), "names the dataset: " + message);
        assertTrue(message.contains("No space left on device"), "gives the cause: " + message);
        assertTrue(message.contains("are readable as they are (recover has nothing to add)"), message);
        assertTrue(message.contains("the dataset is marked failed"), message);
        Matcher count = FRAMES_WRITTEN.matcher(message);
        assertTrue(count.find(), "says how many frames were written: " + message);
        return Integer.parseInt(count.group(1));
    }

    private static void assertFailedAndReadable(Path dataset, ZarrFormat format, int timePoints, int written,
                                                SimulatedCamera camera) throws Exception {
        JsonNode info = new ObjectMapper().readTree(CommandRun.succeeding("info", "--json", dataset.toString()));
        assertEquals("failed", info.path("status").asText(), info.toString());
        JsonNode array = info.path("images").get(0).path("arrays").get(0);
        assertEquals(written, array.path("chunks_stored").asInt(), "info lists every frame written: " + array);
        assertEquals(List.of(), ZarrscopeChild.regularFiles(dataset).stream()
                .filter(key -> key.endsWith(FileSystemStore.TEMPORARY_SUFFIX)).collect(Collectors.toList()),
                "no unfinished shard, no temporary file (nothing left for recover)");

        ZarrReader reader = ZarrReader.open(new FileSystemStore(dataset), AcquisitionWriter.FULL_RESOLUTION_PATH);
        ExternalReader.Dataset<?> independent = format == ZarrFormat.V3
                ? Zarrita.read(new Zarrita.Request().add("full", dataset, "0")).get("full").assertReadable()
                : ZarrPython.read(new ZarrPython.Request().add("full", dataset, "0")).get("full").assertReadable();
        int frameBytes = reader.chunkBytes();
        for (int t = 0; t < timePoints; t++) {
            ByteBuffer expected = camera.storedPlane(FrameCoordinates.of(t, 0, 0), 0);
            ByteBuffer chunk = reader.readChunk(t, 0, 0, 0, 0);
            if (t < written) {
                assertArrayEquals(bytes(expected), bytes(chunk), "frame " + t + " written before the failure");
                assertEquals(ZarrPython.sha256(expected), independent.plane(t, 0, 0), independent + " frame " + t);
            } else {
                assertNull(chunk, "frame " + t + " was not written");
                assertEquals(ZarrPython.sha256OfZeros(frameBytes), independent.plane(t, 0, 0), "frame " + t
                        + " reads as the fill value");
            }
        }
        assertNotEquals(ZarrPython.sha256OfZeros(frameBytes), independent.plane(0, 0, 0),
                "the camera's frames are not zero");
    }

    /** Mounts an 8 MB tmpfs, or skips the test saying why it cannot. */
    private static void mountTmpfs(Path folder) throws InterruptedException {
        String refusal;
        try {
            refusal = command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", folder.toString());
        } catch (IOException e) {
            refusal = e.getMessage();
        }
        assumeTrue(refusal == null, "cannot mount a tmpfs here (" + refusal + "); the tests on a disk that fills "
                + "after N bytes show the same behaviour");
    }

    /** Runs a command; null when it succeeds, else its exit code and output. */
    private static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        return exit == 0 ? null : String.join(" ", command) + ": exit " + exit + ", " + output;
    }
}
