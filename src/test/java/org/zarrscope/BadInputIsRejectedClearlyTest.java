package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.zarrscope.testing.Buffers.bytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.zarr.ZarrReader;

/**
 * Every kind of bad input gets an exception whose message says what is wrong; a refused frame
 * leaves the dataset as it was (earlier frames stay readable) and the writer keeps accepting
 * good frames, including a corrected retry of the refused one.
 */
class BadInputIsRejectedClearlyTest {
    private static final int WIDTH = 32;
    private static final int HEIGHT = 24;
    private static final int TIME = 2;
    private static final int CHANNELS = 2;
    private static final int Z = 2;

    @TempDir
    Path temp;

    /** A small dataset of one pixel type being written, with its expected content. */
    private final class Run implements AutoCloseable {
        final Path output;
        final WriterSettings settings;
        final SimulatedCamera camera;
        final AcquisitionWriter writer;
        final List<FrameCoordinates> frames = new ArrayList<>();
        final List<FrameCoordinates> written = new ArrayList<>();

        Run(String name, PixelType type) throws IOException {
            output = temp.resolve(name + ".ome.zarr");
            settings = WriterSettings.builder().output(output).format(ZarrFormat.V2).timePoints(TIME).channels(CHANNELS)
                    .zSlices(Z).frameSize(WIDTH, HEIGHT).pixelType(type).writerThreads(2).memoryBudgetBytes(8L << 20)
                    .build();
            camera = new SimulatedCamera(WIDTH, HEIGHT, type, 11);
            settings.order().forEachFrame(TIME, CHANNELS, Z, frames::add);
            writer = AcquisitionWriter.open(settings);
        }

        Object pixels(FrameCoordinates frame) {
            return camera.frame(frame);
        }

        void write(FrameCoordinates frame) {
            long before = writer.statistics().framesAccepted();
            writer.write(frame, pixels(frame), FrameMetadata.NONE);
            written.add(frame);
            assertEquals(before + 1, writer.statistics().framesAccepted(), "good frame " + frame + " accepted");
        }

        /** Writes the first {@code count} frames and waits until a reader sees each of them, pixel-exact. */
        void writeFirst(int count) throws IOException, InterruptedException {
            for (FrameCoordinates frame : frames.subList(0, count)) {
                write(frame);
            }
            awaitReadable(written);
        }

        /** Writes every frame not yet written, then finishes. */
        void writeRestAndFinish() throws IOException {
            for (FrameCoordinates frame : frames) {
                if (!written.contains(frame)) {
                    write(frame);
                }
            }
            writer.finish();
            assertEquals(frames.size(), writer.statistics().framesAccepted(), "frames accepted");
            assertEquals(frames.size(), writer.statistics().framesWritten(), "frames written");
        }

        void awaitReadable(List<FrameCoordinates> expected) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            AssertionError last = null;
            while (System.nanoTime() < deadline) {
                try {
                    assertReadable(expected);
                    return;
                } catch (AssertionError e) {
                    last = e; // a chunk not stored yet reads as zeros: wait for it
                    Thread.sleep(20);
                }
                // an IOException (a corrupt chunk) is not transient: chunks are stored atomically
            }
            throw last;
        }

        void assertReadable(List<FrameCoordinates> expected) throws IOException {
            ZarrReader reader = ZarrReader.open(new FileSystemStore(output), AcquisitionWriter.FULL_RESOLUTION_PATH);
            int components = settings.pixelType().storedChannelsPerFrame();
            for (FrameCoordinates frame : expected) {
                for (int component = 0; component < components; component++) {
                    ByteBuffer plane = reader.readPlane(frame.time(), frame.channel() * components + component, frame.z());
                    assertArrayEquals(bytes(camera.storedPlane(frame, component)), bytes(plane),
                            "pixels of " + frame + " component " + component);
                }
            }
        }

        /** The rejection leaves earlier frames readable and the writer usable; the whole dataset ends pixel-exact. */
        void assertRecovers() throws Exception {
            assertReadable(written);
            writeRestAndFinish();
            assertReadable(frames);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    private static <T extends Throwable> T assertRejected(Class<T> type, Executable call, String... words) {
        T error = assertThrows(type, call);
        String message = String.valueOf(error.getMessage());
        for (String word : words) {
            assertTrue(message.contains(word), "message should mention '" + word + "': " + message);
        }
        return error;
    }

    // ---------------------------------------------------------------------------------- frames

    @Test
    void wrongFrameLength() throws Exception {
        try (Run run = new Run("length", PixelType.UINT16)) {
            run.writeFirst(3);
            FrameCoordinates next = run.frames.get(3);
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, new short[WIDTH * HEIGHT - 1], FrameMetadata.NONE),
                    String.valueOf(WIDTH * HEIGHT - 1), String.valueOf(WIDTH * HEIGHT), WIDTH + " x " + HEIGHT);
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, (Object) new short[2 * WIDTH * HEIGHT], FrameMetadata.NONE),
                    String.valueOf(2 * WIDTH * HEIGHT), String.valueOf(WIDTH * HEIGHT));
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, new short[0], FrameMetadata.NONE), "0 elements");
            ByteBuffer shortBuffer = ByteBuffer.allocate(WIDTH * HEIGHT * 2 - 2);
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, shortBuffer, FrameMetadata.NONE),
                    "bytes", String.valueOf(WIDTH * HEIGHT * 2 - 2), String.valueOf(WIDTH * HEIGHT * 2), "uint16");
            assertEquals(3, run.writer.statistics().framesAccepted(), "refused frames are not counted");
            run.assertRecovers(); // includes the corrected retry of `next`
        }
    }

    @Test
    void wrongFrameLengthOfRgb() throws Exception {
        try (Run run = new Run("rgb-length", PixelType.RGB8)) {
            run.writeFirst(2);
            FrameCoordinates next = run.frames.get(2);
            // an RGB frame is 4 bytes per pixel (B, G, R, A); one byte per pixel is refused
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, new byte[WIDTH * HEIGHT], FrameMetadata.NONE),
                    String.valueOf(WIDTH * HEIGHT), String.valueOf(WIDTH * HEIGHT * 4));
            run.assertRecovers();
        }
    }

    @Test
    void wrongPixelArrayType() throws Exception {
        try (Run run = new Run("type16", PixelType.UINT16)) {
            run.writeFirst(1);
            FrameCoordinates next = run.frames.get(1);
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, new byte[WIDTH * HEIGHT * 2], FrameMetadata.NONE), "byte[]", "uint16");
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, (Object) new float[WIDTH * HEIGHT], FrameMetadata.NONE), "float[]",
                    "uint16");
            run.assertRecovers();
        }
        try (Run run = new Run("type-float", PixelType.FLOAT32)) {
            run.writeFirst(1);
            FrameCoordinates next = run.frames.get(1);
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, new int[WIDTH * HEIGHT], FrameMetadata.NONE), "int[]", "float32");
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, new short[WIDTH * HEIGHT], FrameMetadata.NONE), "short[]", "float32");
            run.assertRecovers();
        }
        try (Run run = new Run("type32", PixelType.UINT32)) {
            run.writeFirst(1);
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(run.frames.get(1), new float[WIDTH * HEIGHT], FrameMetadata.NONE), "float[]",
                    "uint32");
            run.assertRecovers();
        }
        // last: a uint8 dataset given byte[] frames (whole-frame chunks, the default chunking)
        try (Run run = new Run("type8", PixelType.UINT8)) {
            run.writeFirst(2);
            FrameCoordinates next = run.frames.get(2);
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, new short[WIDTH * HEIGHT], FrameMetadata.NONE), "short[]", "uint8");
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, (Object) new int[WIDTH * HEIGHT], FrameMetadata.NONE), "int[]", "uint8");
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, new float[WIDTH * HEIGHT], FrameMetadata.NONE), "float[]", "uint8");
            run.assertRecovers();
        }
    }

    @Test
    void unsupportedPixelObject() throws Exception {
        try (Run run = new Run("object", PixelType.UINT16)) {
            run.writeFirst(2);
            FrameCoordinates next = run.frames.get(2);
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, (Object) new long[WIDTH * HEIGHT], FrameMetadata.NONE),
                    "long[]", "not supported", "short[]");
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, (Object) new double[WIDTH * HEIGHT], FrameMetadata.NONE), "double[]");
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, (Object) "pixels", FrameMetadata.NONE), "String");
            assertRejected(FrameRejectedException.class,
                    () -> run.writer.write(next, (Object) null, FrameMetadata.NONE), "null");
            run.assertRecovers();
        }
    }

    @Test
    void coordinatesOutOfRange() throws Exception {
        try (Run run = new Run("range", PixelType.UINT16)) {
            run.writeFirst(3);
            Object pixels = run.pixels(run.frames.get(0));
            int[][] bad = {{TIME, 0, 0}, {-1, 0, 0}, {0, CHANNELS, 0}, {0, -1, 0}, {0, 0, Z}, {0, 0, -1},
                    {Integer.MAX_VALUE, 0, 0}, {0, 0, Integer.MIN_VALUE}};
            String[] axis = {"time", "time", "channel", "channel", "z", "z", "time", "z"};
            int[] size = {TIME, TIME, CHANNELS, CHANNELS, Z, Z, TIME, Z};
            for (int i = 0; i < bad.length; i++) {
                FrameCoordinates frame = FrameCoordinates.of(bad[i][0], bad[i][1], bad[i][2]);
                int index = frame.index(Axis.values()[Arrays.asList("time", "channel", "z").indexOf(axis[i])]);
                assertRejected(FrameRejectedException.class, () -> run.writer.write(frame, pixels, FrameMetadata.NONE),
                        axis[i], String.valueOf(index), "0 to " + (size[i] - 1));
            }
            assertEquals(3, run.writer.statistics().framesAccepted());
            run.assertRecovers();
        }
    }

    @Test
    void coordinatesOutOfRangeOfAnOpenEndedTimeLapse() throws Exception {
        Path output = temp.resolve("open.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).timePoints(WriterSettings.UNBOUNDED)
                .channels(1).zSlices(2).frameSize(WIDTH, HEIGHT).writerThreads(1).memoryBudgetBytes(4L << 20).build();
        short[] pixels = new short[WIDTH * HEIGHT];
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            writer.write(FrameCoordinates.of(0, 0, 0), pixels, FrameMetadata.NONE);
            assertRejected(FrameRejectedException.class,
                    () -> writer.write(FrameCoordinates.of(-1, 0, 0), pixels, FrameMetadata.NONE), "time", "-1");
            assertRejected(FrameRejectedException.class,
                    () -> writer.write(FrameCoordinates.of(0, 0, 2), pixels, FrameMetadata.NONE), "z", "2", "0 to 1");
            writer.write(FrameCoordinates.of(5, 0, 1), pixels, FrameMetadata.NONE);
            writer.finish();
        }
        assertEquals(6, ZarrReader.open(new FileSystemStore(output), "0").shape()[0], "time axis grew to t=5");
    }

    @Test
    void repeatedFrame() throws Exception {
        try (Run run = new Run("repeat", PixelType.UINT16)) {
            run.writeFirst(3);
            FrameCoordinates again = run.frames.get(1);
            short[] other = new short[WIDTH * HEIGHT];
            Arrays.fill(other, (short) 4321);
            assertRejected(FrameRejectedException.class, () -> run.writer.write(again, other, FrameMetadata.NONE),
                    again.toString(), "already written");
            // twice in a row is refused twice (the refusal does not free the coordinates)
            assertRejected(FrameRejectedException.class, () -> run.writer.write(again, other, FrameMetadata.NONE),
                    "already written");
            run.assertRecovers(); // the first pixels of `again` are what is stored
        }
    }

    @Test
    void writeAfterFinishAbortOrClose() throws Exception {
        try (Run run = new Run("finished", PixelType.UINT16)) {
            run.writeFirst(run.frames.size());
            run.writer.finish();
            FrameCoordinates frame = run.frames.get(0);
            assertRejected(IllegalStateException.class,
                    () -> run.writer.write(frame, run.pixels(frame), FrameMetadata.NONE), "finished",
                    run.output.toAbsolutePath().normalize().toString(), frame.toString());
            run.writer.finish(); // finishing twice is harmless
            run.assertReadable(run.frames);
        }
        for (String how : new String[] {"abort", "close"}) {
            try (Run run = new Run(how, PixelType.UINT16)) {
                run.writeFirst(2);
                if (how.equals("abort")) {
                    run.writer.abort();
                } else {
                    run.writer.close();
                }
                FrameCoordinates frame = run.frames.get(2);
                assertRejected(IllegalStateException.class,
                        () -> run.writer.write(frame, run.pixels(frame), FrameMetadata.NONE), "finished");
                run.assertReadable(run.written);
                String zattrs = new String(Files.readAllBytes(run.output.resolve(".zattrs")), StandardCharsets.UTF_8);
                assertTrue(zattrs.contains("aborted"), zattrs);
            }
        }
    }

    @Test
    void unwritableOutputFailsAtOpenNamingThePath() throws Exception {
        Path file = temp.resolve("a-regular-file");
        Files.write(file, "not a folder".getBytes(StandardCharsets.UTF_8));
        for (Path output : new Path[] {file.resolve("run.ome.zarr"), file.resolve("deeper/run.ome.zarr"), file}) {
            WriterSettings settings = WriterSettings.builder().output(output).frameSize(WIDTH, HEIGHT)
                    .writerThreads(1).memoryBudgetBytes(4L << 20).build();
            IOException error = assertThrows(IOException.class, () -> {
                try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
                    fail("opened a dataset at " + output);
                }
            });
            assertTrue(error.getMessage().contains(output.toAbsolutePath().normalize().toString()),
                    "message should name " + output + ": " + error.getMessage());
            assertEquals("not a folder", new String(Files.readAllBytes(file), StandardCharsets.UTF_8),
                    "the file in the way is left alone");
        }
    }

    // -------------------------------------------------------------------------------- settings

    private static WriterSettings.Builder valid(Path output) {
        return WriterSettings.builder().output(output).timePoints(4).channels(2).zSlices(4).frameSize(64, 48)
                .writerThreads(2).memoryBudgetBytes(32L << 20);
    }

    private static SettingsException assertSettingsError(String field, Executable call, String... words) {
        SettingsException error = assertRejected(SettingsException.class, call, words);
        assertEquals(field, error.field(), "field of: " + error.getMessage());
        assertTrue(error.getMessage().startsWith(field), "message starts with the field: " + error.getMessage());
        return error;
    }

    @Test
    void settingsErrorsNameTheField() {
        Path output = temp.resolve("settings.ome.zarr");
        valid(output).build(); // the baseline is fine

        assertSettingsError("width", () -> valid(output).frameSize(0, 48).build(), "0");
        assertSettingsError("height", () -> valid(output).frameSize(64, -3).build(), "-3");
        assertSettingsError("timePoints", () -> valid(output).timePoints(0).build(), "0");
        assertSettingsError("channels", () -> valid(output).channels(0).build(), "0");
        assertSettingsError("zSlices", () -> valid(output).zSlices(-1).build(), "-1");
        assertSettingsError("output", () -> valid(null).build());
        assertSettingsError("writerThreads", () -> valid(output).writerThreads(0).build(), "0", "1 to 256");
        assertSettingsError("pixelSizeUm", () -> valid(output).pixelSizeUm(-0.1).build(), "-0.1");
        assertSettingsError("zStepUm", () -> valid(output).zStepUm(Double.NaN).build(), "NaN");
        assertSettingsError("intervalSeconds", () -> valid(output).intervalSeconds(0.0).build(), "0.0");

        // chunk larger than the axis it cuts
        assertSettingsError("chunk.y", () -> valid(output).chunkShape(1, 1, 1, 64, 64).build(), "64", "48");
        assertSettingsError("chunk.z", () -> valid(output).chunkShape(1, 1, 5, 48, 64).build(), "5", "1 to 4");
        assertSettingsError("chunk.c", () -> valid(output).chunkShape(1, 3, 1, 48, 64).build(), "3", "1 to 2");
        assertSettingsError("chunk.t", () -> valid(output).chunkShape(5, 1, 1, 48, 64).build(), "5", "1 to 4");
        assertSettingsError("chunk.x", () -> valid(output).chunkShape(1, 1, 1, 48, 0).build(), "0");
        // an RGB dataset stores 3 channels per acquisition channel: a chunk of 6 fits 2 RGB channels
        valid(output).pixelType(PixelType.RGB8).chunkShape(1, 6, 1, 48, 64).build();
        assertSettingsError("chunk.c",
                () -> valid(output).pixelType(PixelType.RGB8).chunkShape(1, 7, 1, 48, 64).build(), "7", "1 to 6");

        // names that do not exist
        assertSettingsError("pixelType", () -> PixelType.fromName("int7"), "int7", "uint8", "uint16", "float32", "rgb8");
        assertEquals(PixelType.UINT16, PixelType.fromName("UINT16"));
        assertSettingsError("codec", () -> CodecSpec.parse("lzma", null, null), "lzma", "blosc-lz4", "zstd", "gzip");
        assertSettingsError("codec", () -> CodecSpec.parse("blosc-snappy", null, null), "snappy", "lz4");
        assertSettingsError("codecLevel", () -> CodecSpec.parse("zstd", 23, null), "23", "1 to 22");
        assertSettingsError("codecLevel", () -> CodecSpec.parse("blosc-lz4", 10, null), "10", "0 to 9");
        assertSettingsError("order", () -> AcquisitionOrder.parse("tcx"), "tcx");
        assertSettingsError("order", () -> AcquisitionOrder.parse("ttzyx"), "ttzyx");
    }

    @Test
    void memoryBudgetTooSmallForTheChunkingAndOrder() {
        Path output = temp.resolve("memory.ome.zarr");
        // 16-slice chunks of 128 KiB: filled in turn (z innermost) they fit 8 MiB easily...
        Consumer<WriterSettings.Builder> layout = b -> b.output(output).timePoints(20).channels(10).zSlices(16)
                .frameSize(64, 64).chunkShape(1, 1, 16, 64, 64).writerThreads(2).memoryBudgetBytes(8L << 20);
        WriterSettings.Builder inTurn = WriterSettings.builder().order(AcquisitionOrder.parse("tczyx"));
        layout.accept(inTurn);
        WriterSettings fits = inTurn.build();
        assertTrue(fits.memoryPlan().plannedBytes() <= 8L << 20);
        assertEquals(1, fits.memoryPlan().maxOpenChunks());

        // ...but with z outermost every channel and time point keeps its chunk open: 200 x 128 KiB
        WriterSettings.Builder zOutermost = WriterSettings.builder().order(AcquisitionOrder.parse("zctyx"));
        layout.accept(zOutermost);
        assertSettingsError("memoryBudget", () -> zOutermost.build().plan(), "8.0 MiB", "too small", "200 partly filled chunks",
                "zctyx");

        // y/x tiles count too: a 1024 x 1024 plane cut into 64 x 64 tiles of 4-slice chunks keeps 256 open
        WriterSettings.Builder tilesOpen = WriterSettings.builder().output(output).timePoints(2).channels(1).zSlices(4)
                .frameSize(1024, 1024).chunkShape(1, 1, 4, 64, 64).writerThreads(1).memoryBudgetBytes(1L << 20);
        assertSettingsError("memoryBudget", () -> tilesOpen.build().plan(), "256 partly filled chunks");
    }

    @Test
    void unboundedTimeInsideSpanningChunksIsRefused() {
        Path output = temp.resolve("unbounded.ome.zarr");
        // Zarr v2, so that the chunks alone decide: no (automatic) shards of their own
        java.util.function.Supplier<WriterSettings.Builder> unbounded = () -> WriterSettings.builder().output(output)
                .format(ZarrFormat.V2).timePoints(WriterSettings.UNBOUNDED).frameSize(32, 32).writerThreads(1)
                .memoryBudgetBytes(8L << 20);
        SettingsException error = assertSettingsError("order", () -> unbounded.get().channels(2).zSlices(4)
                .chunkShape(1, 1, 4, 32, 32).order(AcquisitionOrder.parse("zctyx")).build().plan(),
                "unbounded", "never complete", "tczyx");
        assertTrue(error.getMessage().contains("inside z") && error.getMessage().contains("of 4 along z"),
                "names the axis the chunks span: " + error.getMessage());
        // the same chunks with t outermost are fine, and so is z outermost with one-slice chunks
        unbounded.get().channels(2).zSlices(4).chunkShape(1, 1, 4, 32, 32).order(AcquisitionOrder.parse("tczyx"))
                .build().plan();
        unbounded.get().channels(2).zSlices(4).order(AcquisitionOrder.parse("zctyx")).build().plan();
        // a time chunk > 1 along an unbounded axis with t outermost is allowed too
        unbounded.get().chunkShape(4, 1, 1, 32, 32).build().plan();
        assertFalse(Files.exists(output), "no settings error creates the output folder");
    }

    @Test
    void settingsErrorsLeaveNoFolderBehind() {
        Path output = temp.resolve("never.ome.zarr");
        assertThrows(SettingsException.class, () -> valid(output).frameSize(0, 0).build());
        assertFalse(Files.exists(output));
    }
}
