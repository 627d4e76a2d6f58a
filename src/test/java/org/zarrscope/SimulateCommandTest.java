package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.testing.Buffers.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.zarr.ZarrReader;

/** {@code zarrscope simulate}, run in-process: exit codes, the summary, early stops and flag errors. */
class SimulateCommandTest {
    @TempDir
    Path temp;

    private CommandRun simulate(Path output, String... flags) {
        List<String> args = new ArrayList<>(Arrays.asList("simulate", "--no-progress", "--out", output.toString()));
        args.addAll(Arrays.asList(flags));
        for (String[] fallback : new String[][] {{"--threads", "2"}, {"--memory", "64"}}) {
            if (!args.contains(fallback[0])) { // picocli refuses a flag given twice
                args.addAll(Arrays.asList(fallback));
            }
        }
        return CommandRun.zarrscope(args.toArray(new String[0]));
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void simulatePrintsASummaryAndWritesEveryFrame() throws IOException {
        Path output = temp.resolve("sim.ome.zarr");
        CommandRun result = simulate(output, "--format", "v2", "--frames", "5", "--channels", "2", "--z", "3",
                "--size", "64x48", "--seed", "9", "--pixel-size", "0.5", "--interval", "2");
        assertEquals(0, result.exitCode, result.toString());
        String out = result.out;
        for (String expected : new String[] {"frames/s", "MB/s", "compression ratio", "blocked",
                output.toAbsolutePath().toString(), "64 x 48 uint16", "30 accepted, 30 written"}) {
            assertTrue(out.contains(expected), "summary should contain '" + expected + "':\n" + out);
        }
        Matcher ratio = Pattern.compile("compression ratio ([0-9.]+)").matcher(out);
        assertTrue(ratio.find(), out);
        assertTrue(Double.parseDouble(ratio.group(1)) > 1.0, "blosc-lz4 compresses simulated frames: " + out);
        Matcher blocked = Pattern.compile("blocked ([0-9.]+) s").matcher(out);
        assertTrue(blocked.find(), "blocked time in seconds: " + out);
        assertEquals("", result.err.trim(), "nothing on stderr");

        // the dataset holds the simulated frames, pixel-exact
        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), "0");
        assertArrayEquals(new int[] {5, 2, 3, 48, 64}, reader.shape());
        SimulatedCamera camera = new SimulatedCamera(64, 48, PixelType.UINT16, 9);
        for (int t = 0; t < 5; t++) {
            for (int c = 0; c < 2; c++) {
                for (int z = 0; z < 3; z++) {
                    FrameCoordinates frame = FrameCoordinates.of(t, c, z);
                    assertArrayEquals(bytes(camera.storedPlane(frame, 0)), bytes(reader.readPlane(t, c, z)),
                            "pixels of " + frame);
                }
            }
        }
        JsonNode zattrs = json(output.resolve(".zattrs"));
        assertEquals("complete", zattrs.path("zarrscope").path("status").asText());
        JsonNode scale = zattrs.get("multiscales").get(0).get("datasets").get(0).get("coordinateTransformations").get(0)
                .get("scale");
        assertEquals(2.0, scale.get(0).asDouble(), 0.0, "--interval on t");
        assertEquals(0.5, scale.get(4).asDouble(), 0.0, "--pixel-size on x");
    }

    @Test
    void stopAfterWritesExactlyThoseFrames() throws IOException {
        Path output = temp.resolve("stopped.ome.zarr");
        // tczyx with 3-slice chunks: the 5th frame leaves the chunk of t=0 c=1 two thirds filled
        CommandRun result = simulate(output, "--format", "v2", "--frames", "4", "--channels", "2", "--z", "3",
                "--size", "40x30", "--chunk", "1,1,3,30,40", "--stop-after", "5");
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.out.contains("5 accepted, 5 written"), result.out);

        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), "0");
        assertArrayEquals(new int[] {4, 2, 3, 30, 40}, reader.shape(), "a bounded run keeps its declared shape");
        SimulatedCamera camera = new SimulatedCamera(40, 30, PixelType.UINT16, 1);
        List<FrameCoordinates> acquired = Arrays.asList(FrameCoordinates.of(0, 0, 0), FrameCoordinates.of(0, 0, 1),
                FrameCoordinates.of(0, 0, 2), FrameCoordinates.of(0, 1, 0), FrameCoordinates.of(0, 1, 1));
        for (FrameCoordinates frame : acquired) {
            assertArrayEquals(bytes(camera.storedPlane(frame, 0)),
                    bytes(reader.readPlane(frame.time(), frame.channel(), frame.z())), "pixels of " + frame);
        }
        assertArrayEquals(new byte[40 * 30 * 2], bytes(reader.readPlane(0, 1, 2)), "never acquired: fill value");
        for (int t = 1; t < 4; t++) {
            for (int c = 0; c < 2; c++) {
                assertNull(reader.readChunk(t, c, 0, 0, 0), "no chunk for t=" + t + " c=" + c);
            }
        }
        try (java.util.stream.Stream<Path> files = Files.walk(output.resolve("0"))) {
            assertEquals(2, files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .count(), "two chunks: t=0 c=0 and the partial t=0 c=1");
        }
    }

    /** The plan of two billion time points is not walked to its end after the third frame (it took 33 s). */
    @Test
    void stopAfterStopsAtOnce() {
        Path output = temp.resolve("early.ome.zarr");
        long start = System.nanoTime();
        CommandRun result = simulate(output, "--frames", "2000000000", "--size", "16x16", "--stop-after", "3");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.out.contains("3 accepted, 3 written"), result.out);
        assertTrue(seconds < 10, "3 frames of a huge plan took " + seconds + " s");
    }

    @Test
    void stopAfterOfAnOpenEndedRunSizesTheTimeAxis() throws IOException {
        Path output = temp.resolve("open.ome.zarr");
        CommandRun result = simulate(output, "--open-ended", "--frames", "50", "--size", "32x32", "--stop-after", "3");
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.out.contains("3 accepted, 3 written"), result.out);
        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), "0");
        assertArrayEquals(new int[] {3, 1, 1, 32, 32}, reader.shape());
        SimulatedCamera camera = new SimulatedCamera(32, 32, PixelType.UINT16, 1);
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(bytes(camera.storedPlane(FrameCoordinates.of(t, 0, 0), 0)), bytes(reader.readPlane(t, 0, 0)));
        }
    }

    @Test
    void badFlagsExitWithTwoAndNameTheField() {
        String[][] cases = { // flags, words the error must contain
                {"--dtype int7", "pixelType", "int7", "uint16"},
                {"--chunk 1,2", "chunk", "1,2", "t,c,z,y,x"},
                {"--chunk 1,1,1,999,64", "chunk.y", "999", "64"},
                {"--chunk 1,1,a,64,64", "chunk", "'a'"},
                {"--codec lzma", "codec", "lzma", "blosc-lz4"},
                {"--codec zstd --clevel 40", "codecLevel", "40", "1 to 22"},
                {"--order tcq", "order", "tcq"},
                {"--size 64", "size", "WIDTHxHEIGHT"},
                {"--size 0x64", "width", "0"},
                {"--frames 0", "timePoints", "0"},
                {"--threads 0", "writerThreads", "0"},
                {"--pixel-size -1", "pixelSizeUm", "-1"},
                {"--memory 1 --size 2048x2048", "memoryBudget", "too small"},
                {"--open-ended --z 4 --chunk 1,1,4,64,64 --order zctyx", "order", "unbounded"},
        };
        for (String[] c : cases) {
            Path output = temp.resolve("bad-" + Math.abs(c[0].hashCode()) + ".ome.zarr");
            List<String> flags = new ArrayList<>(Arrays.asList(c[0].split(" ")));
            for (String[] fallback : new String[][] {{"--size", "64x64"}, {"--z", "2"}}) {
                if (!flags.contains(fallback[0])) { // picocli refuses a flag given twice
                    flags.addAll(Arrays.asList(fallback));
                }
            }
            CommandRun result = simulate(output, flags.toArray(new String[0]));
            assertEquals(2, result.exitCode, c[0] + " -> " + result);
            String firstLine = result.err.split("\\R", 2)[0];
            for (String word : Arrays.copyOfRange(c, 1, c.length)) {
                assertTrue(firstLine.contains(word), c[0] + ": the error should mention '" + word + "': " + firstLine);
            }
            assertTrue(firstLine.startsWith(c[1] + ":"), c[0] + ": the error starts with the field: " + firstLine);
            assertTrue(result.err.contains("zarrscope simulate --help"), "a pointer to --help follows: " + result.err);
            assertFalse(result.err.contains("Usage:"), "not the 60 lines of usage: " + result.err);
            assertFalse(result.err.contains("Exception"), "no stack trace: " + result.err);
            assertFalse(Files.exists(output), c[0] + ": nothing is created for bad flags");
            assertEquals("", result.out.trim(), "no summary for bad flags");
        }
    }

    /** A negative --stop-after is a bad flag (exit 2), not a failed run (exit 1). */
    @Test
    void negativeStopAfterIsABadFlag() {
        Path output = temp.resolve("negative.ome.zarr");
        CommandRun negative = simulate(output, "--size", "16x16", "--stop-after", "-1");
        assertEquals(2, negative.exitCode, "--stop-after -1 is a bad flag, not a failed run: " + negative);
        assertTrue(negative.err.contains("-1"), negative.err);
        assertFalse(Files.exists(output), "nothing is created for bad flags");
    }

    /** A --memory so large that MiB to bytes overflows must not be reported as a negative, too small budget. */
    @Test
    void overflowingMemoryIsReportedAsGiven() {
        Path output = temp.resolve("huge.ome.zarr");
        // 2^47 MiB: shifting it to bytes overflows a long
        CommandRun huge = simulate(output, "--size", "16x16", "--memory", "140737488355328");
        assertEquals(2, huge.exitCode, huge.toString());
        String firstLine = huge.err.split("\\R", 2)[0];
        assertTrue(firstLine.startsWith("memoryBudget:"), firstLine);
        assertFalse(firstLine.matches(".*memoryBudget: -?[0-9.]+ MiB is too small.*"),
                "a huge budget must not be reported as too small (overflow): " + firstLine);
    }

    @Test
    void flagsPicocliRejectsExitWithTwo() {
        Path output = temp.resolve("picocli.ome.zarr");
        for (String[] flags : new String[][] {{"--bogus"}, {"--frames", "many"}, {"--shuffle", "sometimes"},
                {"--backpressure", "DROP"}}) {
            CommandRun result = simulate(output, flags);
            assertEquals(2, result.exitCode, Arrays.toString(flags) + " -> " + result);
            assertTrue(result.err.contains(flags[0]) || result.err.contains(flags[flags.length - 1]), result.err);
        }
        CommandRun missingOut = CommandRun.zarrscope("simulate", "--no-progress");
        assertEquals(2, missingOut.exitCode, missingOut.toString());
        assertTrue(missingOut.err.contains("--out"), missingOut.err);
        assertFalse(Files.exists(output));
    }

    @Test
    void unwritableOutputExitsWithOneAndOneClearLine() throws IOException {
        Path file = temp.resolve("a-file");
        Files.write(file, new byte[] {1});
        Path output = file.resolve("run.ome.zarr");
        CommandRun result = simulate(output, "--frames", "2", "--size", "16x16");
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.err.startsWith("zarrscope: "), result.err);
        assertTrue(result.err.contains(output.toAbsolutePath().normalize().toString()), result.err);
        assertFalse(result.err.contains("\tat "), "no stack trace: " + result.err);
        assertEquals(1, result.err.trim().split("\\R").length, "one line: " + result.err);
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(file));
    }

    /** Every --shuffle, spelt as the docs spell it, reaches the dataset's codec metadata and reads back. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"noshuffle", "shuffle", "bitshuffle", "BITSHUFFLE"})
    void everyShuffleIsTakenAsWritten(String shuffle) throws IOException {
        Path output = temp.resolve(shuffle + ".ome.zarr");
        CommandRun result = simulate(output, "--frames", "2", "--size", "48x32", "--codec", "blosc-lz4", "--shuffle",
                shuffle);
        assertEquals(0, result.exitCode, result.toString());
        String metadata = new String(Files.readAllBytes(output.resolve("0/zarr.json")), StandardCharsets.UTF_8);
        assertTrue(metadata.replace(" ", "").contains("\"shuffle\":\"" + shuffle.toLowerCase(Locale.ROOT) + "\""), metadata);
        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), "0");
        SimulatedCamera camera = new SimulatedCamera(48, 32, PixelType.UINT16, 1);
        assertArrayEquals(bytes(camera.storedPlane(FrameCoordinates.of(1, 0, 0), 0)), bytes(reader.readPlane(1, 0, 0)));
    }

    /** Every --codec gives a dataset that Zarrscope's own reader reads back pixel-exact. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"none", "blosc-lz4", "blosc-zstd", "blosc-blosclz",
            "blosc-zlib", "zstd", "gzip"})
    void everyCodecReadsBack(String codec) throws IOException {
        Path output = temp.resolve(codec + ".ome.zarr");
        CommandRun result = simulate(output, "--frames", "2", "--z", "2", "--size", "48x32", "--codec", codec,
                "--chunk", "1,1,2,32,32");
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.out.contains("4 accepted, 4 written in 4 chunks"), result.out);
        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), "0");
        SimulatedCamera camera = new SimulatedCamera(48, 32, PixelType.UINT16, 1);
        for (int t = 0; t < 2; t++) {
            for (int z = 0; z < 2; z++) {
                assertArrayEquals(bytes(camera.storedPlane(FrameCoordinates.of(t, 0, z), 0)),
                        bytes(reader.readPlane(t, 0, z)), codec + " t=" + t + " z=" + z);
            }
        }
    }

    @Test
    void rgbRunWritesThreeChannelsPerFrame() throws IOException {
        Path output = temp.resolve("rgb.ome.zarr");
        CommandRun result = simulate(output, "--format", "v2", "--frames", "2", "--size", "24x16", "--dtype", "rgb8");
        assertEquals(0, result.exitCode, result.toString());
        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), "0");
        assertArrayEquals(new int[] {2, 3, 1, 16, 24}, reader.shape());
        SimulatedCamera camera = new SimulatedCamera(24, 16, PixelType.RGB8, 1);
        for (int t = 0; t < 2; t++) {
            for (int component = 0; component < 3; component++) {
                ByteBuffer plane = reader.readPlane(t, component, 0);
                assertNotNull(plane);
                assertArrayEquals(bytes(camera.storedPlane(FrameCoordinates.of(t, 0, 0), component)), bytes(plane),
                        "t=" + t + " component " + component);
            }
        }
        String text = new String(Files.readAllBytes(output.resolve(".zattrs")), StandardCharsets.UTF_8);
        assertTrue(text.contains("complete"), text);
    }
}
