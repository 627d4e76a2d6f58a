package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.metadata.FrameTableKeys;
import org.zarrscope.micromanager.HardwareException;
import org.zarrscope.micromanager.headless.AcquisitionPlan;
import org.zarrscope.micromanager.headless.AcquisitionStoppedException;
import org.zarrscope.micromanager.headless.HeadlessAcquisition;
import org.zarrscope.micromanager.headless.PositionListFile;
import org.zarrscope.micromanager.headless.PositionListFile.ListedPosition;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.FakeMicroscope;
import org.zarrscope.testing.PositionLists;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrReader;

/**
 * The headless acquisition loop against a fake microscope: every frame the camera delivers is
 * written at the coordinates of the acquisition order, taken with the hardware where those
 * coordinates say (checked from the stored pixels, which the fake stamps with its state); a plain
 * time-lapse is one hardware-timed sequence; a circular-buffer overflow or a camera that stops
 * early ends the run with a message saying where, after writing every frame that arrived.
 */
class HeadlessAcquisitionTest {
    @TempDir
    Path temp;

    private WriterSettings settings(String name, AcquisitionPlan plan) {
        WriterSettings.Builder builder = WriterSettings.builder().output(temp.resolve(name)).format(ZarrFormat.V2)
                .timePoints(plan.timePoints()).channels(plan.channelCount()).zSlices(plan.zSlices())
                .frameSize(FakeMicroscope.WIDTH, FakeMicroscope.HEIGHT).order(plan.order())
                .writerThreads(2).memoryBudgetBytes(16 << 20);
        if (!plan.positions().isEmpty()) {
            builder.positions(plan.stagePositions("Z"));
        }
        return builder.build();
    }

    /** Pixels 0..4 of the stored frame: number, preset, focus ×10, x, y (as the fake stamps them). */
    private static int[] stamp(WriterSettings settings, AcquisitionWriter writer, FrameCoordinates at) throws IOException {
        String array = writer.imagePath(at.position()).isEmpty() ? "0" : writer.imagePath(at.position()) + "/0";
        ByteBuffer plane = ZarrReader.open(new FileSystemStore(settings.output()), array)
                .readPlane(at.time(), at.channel(), at.z());
        int[] stamp = new int[5];
        for (int i = 0; i < 5; i++) {
            stamp[i] = plane.getShort(2 * i);
        }
        return stamp;
    }

    private static List<String> commands(FakeMicroscope scope) {
        return scope.log().stream().filter(c -> !c.equals("stop")).collect(Collectors.toList());
    }

    private Path positionList() throws IOException {
        return PositionLists.write(temp.resolve("list.pos"), new PositionLists.Entry("Pos0", 1000, 2000, 50),
                new PositionLists.Entry("Pos1", 1500, 2500, 60));
    }

    @Test
    void aMultiDimensionalRunWritesEveryFrameWhereTheHardwareWas() throws IOException {
        List<ListedPosition> positions = PositionListFile.read(positionList());
        assertEquals(Arrays.asList("Pos0", "Pos1"), positions.stream().map(ListedPosition::label).collect(Collectors.toList()));
        AcquisitionPlan plan = AcquisitionPlan.builder().timePoints(2).channels("Channel", Arrays.asList("FITC", "DAPI"))
                .zStack(-1, 1, 3).positions(positions).order(AcquisitionOrder.parse("tpzcyx")).build();
        FakeMicroscope scope = new FakeMicroscope();
        WriterSettings settings = settings("mda.ome.zarr", plan);
        List<Long> progress = new ArrayList<>();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            assertEquals(24, new HeadlessAcquisition(scope, plan).run(writer, progress::add));
            writer.finish();
            assertEquals(24, writer.statistics().framesWritten());

            List<FrameCoordinates> order = new ArrayList<>();
            plan.order().forEachFrame(2, 2, 2, 3, order::add);
            for (int n = 0; n < order.size(); n++) {
                FrameCoordinates at = order.get(n);
                int[] stamp = stamp(settings, writer, at);
                double positionZ = at.position() == 0 ? 50 : 60;
                assertEquals(n + 1, stamp[0], "frame " + at + " is the " + (n + 1) + "th frame the camera took");
                assertEquals(at.channel() == 0 ? 2 : 1, stamp[1], "frame " + at + " taken with preset "
                        + plan.channels().get(at.channel()));
                assertEquals(Math.round((positionZ - 1 + at.z()) * 10), stamp[2], "frame " + at + " taken at its slice, "
                        + "relative to the position's focus");
                assertEquals(at.position() == 0 ? 1000 : 1500, stamp[3], "x of " + at);
                assertEquals(at.position() == 0 ? 2000 : 2500, stamp[4], "y of " + at);
            }
        }
        assertEquals(24, progress.size());
        assertEquals(24L, (long) progress.get(23));

        List<String> commands = commands(scope);
        assertEquals(24, commands.stream().filter(c -> c.equals("start 1 0.0")).count(), "one frame per sequence: " + commands);
        assertEquals(Arrays.asList("move Z 50.0", "xy XY 1000.0 2000.0", "preset Channel FITC", "move Z 49.0", "start 1 0.0",
                "preset Channel DAPI", "start 1 0.0", "preset Channel FITC", "move Z 50.0", "start 1 0.0"),
                commands.subList(0, 10), "the position's stages move in the list's order, then channel and slice; only "
                        + "what changes is set");
        assertEquals(4, commands.stream().filter(c -> c.startsWith("xy ")).count(), "one XY move per position visit");

        JsonNode rows = ZarrJson.MAPPER.readTree(Files.readAllBytes(settings.output().resolve(FrameTableKeys.segmentKey(0))))
                .get("frames");
        assertEquals(24, rows.size());
        JsonNode first = rows.get(0);
        assertEquals(0, first.get("p").asInt());
        assertEquals(1000.0, first.get("stageXUm").asDouble());
        assertEquals(49.0, first.get("stageZUm").asDouble());
        assertEquals(FakeMicroscope.EXPOSURE_MS, first.get("exposureMs").asDouble(), "exposure from the camera when untagged");
        assertEquals("FakeCam", first.get("camera").asText());
        assertEquals("0", first.get("extra").get("ImageNumber").asText(), "unmapped tags kept");
        for (String constant : Arrays.asList("Frame", "SliceIndex", "ChannelIndex", "Position")) {
            assertFalse(first.get("extra").has(constant), "MMCore's constant " + constant + " contradicts t, c, z, p");
        }
        double previous = -1;
        for (JsonNode row : rows) {
            double elapsed = row.get("elapsedMs").asDouble();
            assertTrue(elapsed > previous, "frame times count from the acquisition's start across its 24 camera "
                    + "sequences, each of which restarts MMCore's ElapsedTime-ms: " + rows);
            assertTrue(row.get("extra").has("ElapsedTime-ms"), "the sequence's own time is kept");
            previous = elapsed;
        }
    }

    @Test
    void aPlainTimeLapseIsOneHardwareTimedSequence() throws IOException {
        AcquisitionPlan plan = AcquisitionPlan.builder().timePoints(20).intervalMs(1).build();
        FakeMicroscope scope = new FakeMicroscope();
        WriterSettings settings = settings("lapse.ome.zarr", plan);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            new HeadlessAcquisition(scope, plan).run(writer, n -> { });
            writer.finish();
            for (int t = 0; t < 20; t++) {
                assertEquals(t + 1, stamp(settings, writer, FrameCoordinates.of(t, 0, 0))[0], "time point " + t);
            }
        }
        assertEquals(Arrays.asList("start 20 1.0"), commands(scope), "no moves, no presets, one sequence");
    }

    @Test
    void aStopRequestStopsTheCameraAndWritesEveryFrameItDelivered() throws Exception {
        AcquisitionPlan plan = AcquisitionPlan.builder().timePoints(100_000).intervalMs(2).build();
        FakeMicroscope scope = new FakeMicroscope();
        WriterSettings settings = settings("stopped.ome.zarr", plan);
        HeadlessAcquisition acquisition = new HeadlessAcquisition(scope, plan);
        long written;
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            CountDownLatch running = new CountDownLatch(10);
            Thread stopper = new Thread(() -> {
                try {
                    running.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                acquisition.requestStop(); // as a Ctrl-C handler does, from its own thread
            });
            stopper.start();
            long started = System.nanoTime();
            written = acquisition.run(writer, n -> running.countDown());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20), "it stops at once, not after the plan");
            stopper.join();
            writer.abort();
            assertEquals(scope.frameCount(), written, "every frame the camera delivered is written");
            assertTrue(written >= 10 && written < 100_000, written + " frames");
            for (int t = 0; t < written; t++) {
                assertEquals(t + 1, stamp(settings, writer, FrameCoordinates.of(t, 0, 0))[0], "time point " + t);
            }
        }
        assertTrue(acquisition.stopRequested());
        assertTrue(scope.log().contains("stop"), "the camera was stopped: " + scope.log());
        assertFalse(scope.isRunning());
    }

    @Test
    void timeInnermostTakesOneSequencePerChannel() throws IOException {
        AcquisitionPlan plan = AcquisitionPlan.builder().timePoints(5).intervalMs(2)
                .channels("Channel", Arrays.asList("DAPI", "Rhodamine")).order(AcquisitionOrder.parse("czt")).build();
        FakeMicroscope scope = new FakeMicroscope();
        WriterSettings settings = settings("bursts.ome.zarr", plan);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            new HeadlessAcquisition(scope, plan).run(writer, n -> { });
            writer.finish();
            for (int t = 0; t < 5; t++) {
                assertEquals(Arrays.asList(t + 1, 1), Arrays.asList(stamp(settings, writer, FrameCoordinates.of(t, 0, 0))[0],
                        stamp(settings, writer, FrameCoordinates.of(t, 0, 0))[1]));
                assertEquals(Arrays.asList(t + 6, 3), Arrays.asList(stamp(settings, writer, FrameCoordinates.of(t, 1, 0))[0],
                        stamp(settings, writer, FrameCoordinates.of(t, 1, 0))[1]));
            }
        }
        assertEquals(Arrays.asList("preset Channel DAPI", "start 5 2.0", "preset Channel Rhodamine", "start 5 2.0"),
                commands(scope));
    }

    @Test
    void softwareTimedTimePointsWaitForTheInterval() throws IOException {
        AcquisitionPlan plan = AcquisitionPlan.builder().timePoints(3).intervalMs(60)
                .channels("Channel", Arrays.asList("DAPI", "FITC")).build();
        FakeMicroscope scope = new FakeMicroscope();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings("timed.ome.zarr", plan))) {
            new HeadlessAcquisition(scope, plan).run(writer, n -> { });
            writer.finish();
        }
        List<Long> starts = scope.startNanos();
        assertEquals(6, starts.size());
        for (int t = 1; t < 3; t++) {
            long sinceFirst = starts.get(2 * t) - starts.get(0);
            assertTrue(sinceFirst >= t * 60_000_000L - 1_000_000L, "time point " + t + " started "
                    + sinceFirst / 1e6 + " ms after the first, not before " + t * 60 + " ms");
        }
        assertTrue(starts.get(1) - starts.get(0) < 50_000_000L, "channels of one time point follow at once");
    }

    @Test
    void aLoopOutsideTimeStartsEachTimeLapseAfresh() throws IOException {
        AcquisitionPlan plan = AcquisitionPlan.builder().timePoints(3).intervalMs(60)
                .channels("Channel", Arrays.asList("DAPI", "FITC")).zStack(0, 1, 2)
                .order(AcquisitionOrder.parse("ctzyx")).build();
        FakeMicroscope scope = new FakeMicroscope();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings("channels-outside.ome.zarr", plan))) {
            new HeadlessAcquisition(scope, plan).run(writer, n -> { });
            writer.finish();
        }
        List<Long> starts = scope.startNanos(); // c0: t0 z0, t0 z1, t1 z0, t1 z1, t2 ..; then c1
        assertEquals(12, starts.size());
        for (int c = 0; c < 2; c++) {
            for (int t = 1; t < 3; t++) {
                long sinceTimePointZero = starts.get(6 * c + 2 * t) - starts.get(6 * c);
                assertTrue(sinceTimePointZero >= t * 60_000_000L - 1_000_000L, "channel " + c + ", time point " + t
                        + " started " + sinceTimePointZero / 1e6 + " ms after its time point 0");
            }
        }
    }

    @Test
    void anOverflowEndsTheRunAfterWritingEveryFrameThatArrived() throws IOException {
        AcquisitionPlan plan = AcquisitionPlan.builder().timePoints(50).build();
        FakeMicroscope scope = new FakeMicroscope().overflowAfter(37);
        WriterSettings settings = settings("overflow.ome.zarr", plan);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            AcquisitionStoppedException stopped = assertThrows(AcquisitionStoppedException.class,
                    () -> new HeadlessAcquisition(scope, plan).run(writer, n -> { }));
            String message = stopped.getMessage();
            assertTrue(message.contains("circular buffer overflowed at frame 38 of 50 (t=37 c=0 z=0)"), message);
            assertTrue(message.contains("37 frames were written"), message);
            assertTrue(message.contains("--buffer-mb, now 250"), message);
            assertTrue(message.contains("--codec"), message);
            writer.abort();
            assertEquals(37, writer.statistics().framesWritten());
            for (int t = 0; t < 37; t++) {
                assertEquals(t + 1, stamp(settings, writer, FrameCoordinates.of(t, 0, 0))[0]);
            }
        }
        assertFalse(scope.isRunning(), "the camera is stopped");
    }

    @Test
    void aCameraThatStopsEarlyIsReported() throws IOException {
        AcquisitionPlan plan = AcquisitionPlan.builder().timePoints(3).channels("Channel", Arrays.asList("DAPI", "FITC"))
                .build();
        FakeMicroscope scope = new FakeMicroscope().stopAfter(4);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings("stopped.ome.zarr", plan))) {
            AcquisitionStoppedException stopped = assertThrows(AcquisitionStoppedException.class,
                    () -> new HeadlessAcquisition(scope, plan).run(writer, n -> { }));
            assertTrue(stopped.getMessage().contains("the camera FakeCam stopped after 0 of the 1 frames it was asked for, "
                    + "at frame 5 of 6 (t=2 c=0 z=0); 4 frames were written"), stopped.getMessage());
            writer.abort();
            assertEquals(4, writer.statistics().framesWritten());
        }
    }

    @Test
    void whatTheMicroscopeCannotDoIsRefusedBeforeAnythingMoves() {
        AcquisitionPlan stack = AcquisitionPlan.builder().zStack(0, 1, 5).build();
        FakeMicroscope noFocus = new FakeMicroscope(null, 1);
        HardwareException error = assertThrows(HardwareException.class, () -> new HeadlessAcquisition(noFocus, stack));
        assertTrue(error.getMessage().contains("a z-stack of 5 slices needs a focus device"), error.getMessage());
        assertTrue(noFocus.log().isEmpty());

        FakeMicroscope twoCameras = new FakeMicroscope("Z", 2);
        error = assertThrows(HardwareException.class,
                () -> new HeadlessAcquisition(twoCameras, AcquisitionPlan.builder().build()));
        assertTrue(error.getMessage().contains("delivers 2 camera channels"), error.getMessage());
    }

    @Test
    void positionListsAreReadAsMicroManagerWritesThem() throws IOException {
        ListedPosition first = PositionListFile.read(positionList()).get(0);
        StagePosition stage = first.toStagePosition("Z");
        assertEquals("Pos0", stage.name());
        assertEquals(1000.0, stage.xUm());
        assertEquals(2000.0, stage.yUm());
        assertEquals(50.0, stage.zUm());
        assertEquals(Arrays.asList("Z", "XY"), first.targets().stream().map(PositionListFile.StageTarget::device)
                .collect(Collectors.toList()), "moved in the file's order");
        assertNull(first.target("Piezo"));

        Path legacy = temp.resolve("legacy.pos");
        Files.write(legacy, "{\"VERSION\": 3, \"POSITIONS\": []}".getBytes(StandardCharsets.UTF_8));
        IOException error = assertThrows(IOException.class, () -> PositionListFile.read(legacy));
        assertTrue(error.getMessage().contains("is not a Micro-Manager 2 position list"), error.getMessage());
    }
}
