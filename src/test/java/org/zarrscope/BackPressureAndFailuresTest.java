package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.zarrscope.testing.Buffers.bytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.plan.MemoryPlan;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.ForwardingStore;
import org.zarrscope.zarr.ZarrReader;

/**
 * What the writer does when the disk is slower than the camera (back-pressure by policy) or
 * fails (disk full), that its memory plan stays inside the budget, and that its statistics add up.
 */
class BackPressureAndFailuresTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 64;

    @TempDir
    Path temp;

    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-camera");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ControlledStore> stores = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        stores.forEach(ControlledStore::release); // never leave a writer thread parked after a failed assertion
        background.shutdownNow();
    }

    /**
     * A {@link FileSystemStore} whose chunk writes can be held back (as by a stalled disk) or made
     * to fail from the Nth chunk write on (as by a full disk). Metadata documents pass unless
     * {@link #failMetadataToo} is set, so the writer can always be opened.
     */
    static final class ControlledStore extends ForwardingStore {
        private volatile CountDownLatch gate;
        final AtomicInteger waiting = new AtomicInteger();
        final AtomicInteger chunkAttempts = new AtomicInteger();
        volatile int failFromChunk = Integer.MAX_VALUE;
        volatile boolean failMetadataToo;
        volatile boolean failing;
        volatile String firstFailedKey;
        final Set<String> storedChunks = ConcurrentHashMap.newKeySet();

        ControlledStore(Path root) throws IOException {
            super(new FileSystemStore(root));
        }

        static boolean isChunk(String key) {
            return key.startsWith(AcquisitionWriter.FULL_RESOLUTION_PATH + "/") && !key.endsWith(".zarray");
        }

        void block() {
            gate = new CountDownLatch(1);
        }

        void release() {
            CountDownLatch current = gate;
            gate = null;
            if (current != null) {
                current.countDown();
            }
        }

        @Override
        public void put(String key, ByteBuffer value) throws IOException {
            boolean chunk = isChunk(key);
            if (chunk) {
                CountDownLatch current = gate;
                if (current != null) {
                    waiting.incrementAndGet();
                    try {
                        current.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    } finally {
                        waiting.decrementAndGet();
                    }
                }
                if (chunkAttempts.incrementAndGet() >= failFromChunk) {
                    synchronized (this) {
                        if (firstFailedKey == null) {
                            firstFailedKey = key;
                        }
                    }
                    failing = true;
                    throw new IOException("No space left on device");
                }
            } else if (failing && failMetadataToo) {
                throw new IOException("No space left on device");
            }
            super.put(key, value);
            if (chunk) {
                storedChunks.add(key);
            }
        }
    }

    private ControlledStore store(Path output) throws IOException {
        ControlledStore store = new ControlledStore(output);
        stores.add(store);
        return store;
    }

    private static WriterSettings.Builder small(Path output, int timePoints) {
        // 64 x 64 uint16 frames of 8 KiB, one frame per chunk; 128 KiB hold a few ring slots and ~10 chunk buffers
        return WriterSettings.builder().output(output).format(ZarrFormat.V2).timePoints(timePoints)
                .frameSize(WIDTH, HEIGHT).pixelType(PixelType.UINT16).writerThreads(1).memoryBudgetBytes(128L << 10);
    }

    private static List<FrameCoordinates> framesOf(WriterSettings settings, int timePoints) {
        List<FrameCoordinates> frames = new ArrayList<>();
        settings.order().forEachFrame(timePoints, settings.channels(), settings.zSlices(), frames::add);
        return frames;
    }

    /** Writes the frames from the camera, one after the other, and finishes; gives the statistics at finish. */
    private static WriterStatistics writeAll(WriterSettings settings, SimulatedCamera camera,
                                             List<FrameCoordinates> frames) throws IOException {
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (FrameCoordinates frame : frames) {
                writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            writer.finish();
            WriterStatistics statistics = writer.statistics();
            sleepQuietly(20);
            assertEquals(statistics.elapsedNanos(), writer.statistics().elapsedNanos(), "the clock stops at finish");
            return statistics;
        }
    }

    /** Lets time pass so that a clock that kept running would show it. */
    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertFramesExact(Path output, SimulatedCamera camera, List<FrameCoordinates> frames)
            throws IOException {
        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), AcquisitionWriter.FULL_RESOLUTION_PATH);
        for (FrameCoordinates frame : frames) {
            assertArrayEquals(bytes(camera.storedPlane(frame, 0)),
                    bytes(reader.readPlane(frame.time(), frame.channel(), frame.z())), "pixels of " + frame);
        }
    }

    /**
     * Whether the thread is seen parked within a few looks: a parked thread wakes now and then to
     * check for failures, and on a loaded machine may wait RUNNABLE for a core; a spinning thread
     * is never seen parked.
     */
    private static boolean parkedOnce(Thread thread) throws InterruptedException {
        for (int look = 0; look < 10; look++) {
            Thread.State state = thread.getState();
            if (state == Thread.State.TIMED_WAITING || state == Thread.State.WAITING) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    // ------------------------------------------------------------------------- (a) FAIL policy

    @Test
    void failPolicyRefusesFramesWhileTheStoreIsStuckAndTheRefusedFrameCanBeRetried() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
            Path output = temp.resolve("fail-policy.ome.zarr");
            int timePoints = 60;
            WriterSettings settings = small(output, timePoints).backPressure(BackPressurePolicy.FAIL).build();
            MemoryPlan plan = settings.memoryPlan();
            int holdable = plan.ringSlots() + plan.chunkBuffers();
            assertTrue(holdable < timePoints, "the budget must be too small for the whole run: " + holdable);
            SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, 3);
            List<FrameCoordinates> frames = framesOf(settings, timePoints);
            ControlledStore store = store(output);
            store.block();

            // resources close in reverse: a failed assertion releases the store before the writer drains
            try (AcquisitionWriter writer = AcquisitionWriter.open(settings, store);
                 AutoCloseable unblock = store::release) {
                // write until the pipeline is saturated: the same frame refused 3 times over 600 ms
                // (a single refusal may only mean the assembler thread was descheduled for a moment)
                int next = 0;
                int refusals = 0;
                long slowestRefusal = 0;
                BackPressureException refused = null;
                while (refusals < 3) {
                    assertTrue(next < frames.size(), "the stuck store never caused back-pressure");
                    FrameCoordinates frame = frames.get(next);
                    long start = System.nanoTime();
                    try {
                        writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
                        next++;
                        refusals = 0;
                    } catch (BackPressureException e) {
                        slowestRefusal = Math.max(slowestRefusal, System.nanoTime() - start);
                        refused = e;
                        refusals++;
                        assertEquals(next, writer.statistics().framesAccepted(), "the refused frame is not counted");
                        Thread.sleep(300);
                    }
                }
                assertTrue(refused.getMessage().contains("memory budget"), refused.getMessage());
                assertTrue(slowestRefusal < TimeUnit.SECONDS.toNanos(5), "FAIL must not wait for the store: "
                        + slowestRefusal / 1e6 + " ms");
                assertTrue(next <= holdable, next + " frames accepted, but the plan only holds " + holdable);
                assertTrue(store.waiting.get() > 0, "the store holds a chunk write");
                FrameCoordinates retry = frames.get(next);

                store.release();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (true) { // the refused frame goes in once memory frees up
                    try {
                        writer.write(retry, camera.frame(retry), FrameMetadata.NONE);
                        break;
                    } catch (BackPressureException e) {
                        assertTrue(System.nanoTime() < deadline, "memory never freed up after the store was released");
                        Thread.sleep(2);
                    }
                }
                for (int i = next + 1; i < frames.size(); i++) {
                    FrameCoordinates frame = frames.get(i);
                    while (true) {
                        try {
                            writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
                            break;
                        } catch (BackPressureException e) {
                            Thread.sleep(1); // a fast camera may still outrun the disk: retry
                        }
                    }
                }
                writer.finish();
                WriterStatistics statistics = writer.statistics();
                assertEquals(frames.size(), statistics.framesAccepted());
                assertEquals(frames.size(), statistics.framesWritten());
                assertEquals(frames.size(), statistics.chunksWritten());
            }
            assertFramesExact(output, camera, frames);
        });
    }

    // ------------------------------------------------------------------------ (b) BLOCK policy

    @Test
    void blockPolicyWaitsForTheStoreAndLosesNothing() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
            Path output = temp.resolve("block-policy.ome.zarr");
            int timePoints = 60;
            WriterSettings settings = small(output, timePoints).backPressure(BackPressurePolicy.BLOCK).build();
            MemoryPlan plan = settings.memoryPlan();
            SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, 4);
            List<FrameCoordinates> frames = framesOf(settings, timePoints);
            List<Object> pixels = new ArrayList<>();
            frames.forEach(frame -> pixels.add(camera.frame(frame)));
            ControlledStore store = store(output);
            store.block();

            // resources close in reverse: a failed assertion releases the store before the writer drains
            try (AcquisitionWriter writer = AcquisitionWriter.open(settings, store);
                 AutoCloseable unblock = store::release) {
                AtomicInteger returned = new AtomicInteger();
                Thread[] cameraThread = new Thread[1];
                Future<?> producer = background.submit(() -> {
                    cameraThread[0] = Thread.currentThread();
                    for (int i = 0; i < frames.size(); i++) {
                        writer.write(frames.get(i), pixels.get(i), FrameMetadata.NONE);
                        returned.incrementAndGet();
                    }
                    return null;
                });
                // wait until the camera thread makes no progress any more
                int seen = -1;
                int stableFor = 0;
                while (stableFor < 30) {
                    Thread.sleep(10);
                    int now = returned.get();
                    stableFor = now == seen ? stableFor + 1 : 0;
                    seen = now;
                }
                int stuckAt = returned.get();
                assertFalse(producer.isDone(), "write() returned for every frame although the store is stuck");
                assertTrue(stuckAt < frames.size());
                assertTrue(stuckAt <= plan.ringSlots() + plan.chunkBuffers(),
                        stuckAt + " frames accepted, but the plan only holds " + (plan.ringSlots() + plan.chunkBuffers()));
                assertEquals(stuckAt, writer.statistics().framesAccepted());
                assertTrue(parkedOnce(cameraThread[0]), "the camera thread should be parked inside write(), is "
                        + cameraThread[0].getState());
                awaitTrue("the store to hold a chunk write", () -> store.waiting.get() > 0);

                store.release();
                producer.get(20, TimeUnit.SECONDS); // every write returns once the store moves again
                assertEquals(frames.size(), returned.get());
                writer.finish();
                WriterStatistics statistics = writer.statistics();
                assertTrue(statistics.blockedNanos() > 0, "blocked time must be counted: " + statistics);
                assertTrue(statistics.blockedNanos() >= TimeUnit.MILLISECONDS.toNanos(200),
                        "the camera waited at least the 300 ms the test watched it: " + statistics.blockedNanos());
                assertEquals(frames.size(), statistics.framesAccepted());
                assertEquals(frames.size(), statistics.framesWritten());
            }
            assertFramesExact(output, camera, frames);
        });
    }

    // ------------------------------------------------------------------------ (c) disk full

    @Test
    void diskFullFailsLoudlyNamingDatasetAndChunkAndKeepsWhatWasStored() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> diskFull(false));
    }

    /** A full disk fails the final metadata writes too; the chunk failure must still be what finish reports. */
    @Test
    void diskFullIncludingMetadataStillReportsTheChunkFailure() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> diskFull(true));
    }

    private void diskFull(boolean metadataFailsToo) throws Exception {
        Path output = temp.resolve("disk-full-" + metadataFailsToo + ".ome.zarr");
        int timePoints = 40;
        int width = 256;
        int height = 256; // 128 KiB frames in a 4 MiB budget
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V2).timePoints(timePoints)
                .frameSize(width, height).writerThreads(2).memoryBudgetBytes(4L << 20)
                .backPressure(BackPressurePolicy.BLOCK).build();
        SimulatedCamera camera = new SimulatedCamera(width, height, PixelType.UINT16, 5);
        List<FrameCoordinates> frames = framesOf(settings, timePoints);
        ControlledStore store = store(output);
        store.failFromChunk = 6;
        store.failMetadataToo = metadataFailsToo;
        String folder = output.toAbsolutePath().normalize().toString();

        AcquisitionWriter writer = AcquisitionWriter.open(settings, store);
        int next = 0;
        for (; next < 6; next++) { // one frame per chunk: exactly enough to reach the failing chunk
            writer.write(frames.get(next), camera.frame(frames.get(next)), FrameMetadata.NONE);
        }
        awaitTrue("the store to fail", () -> store.firstFailedKey != null);
        Thread.sleep(100); // the writer thread records the failure right after the put throws
        String failedKey = store.firstFailedKey;
        assertTrue(failedKey.startsWith(AcquisitionWriter.FULL_RESOLUTION_PATH + "/"), failedKey);

        // the camera learns of it at its next write, and at every one after (fast, no memory growth)
        for (int i = 0; i < 200; i++) {
            FrameCoordinates frame = frames.get(next + (i % (frames.size() - next)));
            WriterFailedException error = assertThrows(WriterFailedException.class,
                    () -> writer.write(frame, camera.frame(frame), FrameMetadata.NONE));
            if (i == 0) {
                assertNamesDatasetAndChunk(error, folder, failedKey);
            }
        }
        WriterFailedException atFinish = assertThrows(WriterFailedException.class, writer::finish,
                "finish must report the failed chunk");
        assertNamesDatasetAndChunk(atFinish, folder, failedKey);
        writer.close();

        // what reached the disk before the failure reads back pixel-exact: 5 chunks
        assertEquals(5, store.storedChunks.size(), "chunks stored before the failing one: " + store.storedChunks);
        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), AcquisitionWriter.FULL_RESOLUTION_PATH);
        for (String key : store.storedChunks) {
            String[] index = key.split("/");
            FrameCoordinates frame = FrameCoordinates.of(Integer.parseInt(index[1]), Integer.parseInt(index[2]),
                    Integer.parseInt(index[3]));
            ByteBuffer chunk = reader.readChunk(frame.time(), frame.channel(), frame.z(), 0, 0);
            assertNotNull(chunk, key);
            assertArrayEquals(bytes(camera.storedPlane(frame, 0)), bytes(chunk), "chunk " + key);
        }
        assertFalse(Files.exists(output.resolve(failedKey)), "the failed chunk is not on disk");
        try (Stream<Path> files = Files.walk(output)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(
                    FileSystemStore.TEMPORARY_SUFFIX)).map(Path::toString).collect(java.util.stream.Collectors.toList()),
                    "no temporary files left behind");
        }
        if (!metadataFailsToo) {
            String zattrs = new String(Files.readAllBytes(output.resolve(".zattrs")), StandardCharsets.UTF_8);
            assertTrue(zattrs.contains("\"failed\""), "the dataset is marked failed: " + zattrs);
        }
    }

    private static void assertNamesDatasetAndChunk(WriterFailedException error, String folder, String key) {
        String message = error.getMessage();
        assertTrue(message.contains(folder), "message should name the dataset folder " + folder + ": " + message);
        assertTrue(message.contains(key), "message should name the chunk " + key + ": " + message);
        assertTrue(message.contains("No space left on device"), "message should give the cause: " + message);
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertFalse(t instanceof Error, "an Error in the chain: " + t);
            for (Throwable suppressed : t.getSuppressed()) {
                assertFalse(suppressed instanceof Error, "an Error suppressed: " + suppressed);
            }
        }
    }

    // ----------------------------------------------------------------------- (d) memory plan

    @Test
    void memoryPlanNeverExceedsTheBudget() {
        Path output = temp.resolve("plans.ome.zarr");
        long maxMemory = Runtime.getRuntime().maxMemory();
        int[][] layouts = { // width, height, chunk t, c, z, y, x, channels, zSlices
                {64, 64, 1, 1, 1, 64, 64, 1, 1},
                {100, 70, 1, 1, 1, 70, 100, 2, 3},
                {512, 512, 1, 1, 4, 128, 128, 2, 8},
                {2048, 2048, 1, 1, 1, 2048, 2048, 1, 1},
                {2048, 2048, 1, 1, 16, 512, 512, 2, 16},
                {1000, 1000, 2, 1, 1, 333, 333, 1, 1},
                {4096, 16, 1, 2, 2, 16, 100, 3, 5},
        };
        PixelType[] types = {PixelType.UINT8, PixelType.UINT16, PixelType.FLOAT32, PixelType.RGB8};
        String[] codecs = {"blosc-lz4", "zstd", "gzip", "none"};
        int checked = 0;
        for (int[] l : layouts) {
            for (PixelType type : types) {
                for (int threads : new int[] {1, 3, 8}) {
                    String codec = codecs[checked % codecs.length];
                    int chunkC = type == PixelType.RGB8 ? l[3] * 3 : l[3];
                    java.util.function.LongFunction<WriterSettings.Builder> builder = budget -> WriterSettings.builder()
                            .output(output).timePoints(4).channels(l[7]).zSlices(l[8]).frameSize(l[0], l[1])
                            .pixelType(type).chunkShape(l[2], chunkC, l[4], l[5], l[6]).writerThreads(threads)
                            .codec(CodecSpec.parse(codec, null, null)).memoryBudgetBytes(budget);
                    // the smallest budget that is accepted
                    long low = 1;
                    long high = maxMemory;
                    if (!accepts(builder.apply(high))) {
                        continue; // needs more than this JVM may take
                    }
                    while (low < high) {
                        long middle = low + (high - low) / 2;
                        if (accepts(builder.apply(middle))) {
                            high = middle;
                        } else {
                            low = middle + 1;
                        }
                    }
                    long minimum = low;
                    SettingsException tooSmall = assertThrows(SettingsException.class,
                            () -> builder.apply(minimum - 1).build().plan());
                    assertEquals("memoryBudget", tooSmall.field());
                    for (long budget : new long[] {minimum, minimum + 1, minimum + 4095, minimum * 3 / 2 + 7,
                            2 * minimum, 10 * minimum + 12345, 512L << 20, maxMemory}) {
                        if (budget < minimum || budget > maxMemory) {
                            continue;
                        }
                        WriterSettings settings = builder.apply(budget).build();
                        MemoryPlan plan = settings.memoryPlan();
                        String where = l[0] + "x" + l[1] + " " + type + " chunk " + java.util.Arrays.toString(
                                settings.chunkShape()) + " " + threads + " threads " + codec + " budget " + budget;
                        assertTrue(plan.plannedBytes() <= budget, where + ": planned " + plan.plannedBytes());
                        assertTrue(plan.ringSlots() >= 2 && Integer.bitCount(plan.ringSlots()) == 1,
                                where + ": ring slots " + plan.ringSlots());
                        assertTrue(plan.chunkBuffers() >= plan.maxOpenChunks() + threads + 1,
                                where + ": " + plan.chunkBuffers() + " buffers for " + plan.maxOpenChunks()
                                        + " open chunks and " + threads + " writers");
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 200, "only " + checked + " plans checked");
    }

    private static boolean accepts(WriterSettings.Builder builder) {
        try {
            builder.build().plan();
            return true;
        } catch (SettingsException e) {
            assertEquals("memoryBudget", e.field(), e.getMessage());
            return false;
        }
    }

    // ------------------------------------------------------------------------ (e) statistics

    @Test
    void statisticsAfterACompleteRunAddUp() throws Exception {
        Path output = temp.resolve("statistics.ome.zarr");
        int timePoints = 4;
        int channels = 2;
        int zSlices = 3;
        int width = 96;
        int height = 80;
        // chunks of 2 z x 48 x 48: 2 z chunks (the second half full) x 2 x 2 tiles per t and c
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V2).timePoints(timePoints)
                .channels(channels).zSlices(zSlices).frameSize(width, height).chunkShape(1, 1, 2, 48, 48)
                .writerThreads(2).codec(CodecSpec.parse("blosc-lz4", null, null)).memoryBudgetBytes(8L << 20).build();
        SimulatedCamera camera = new SimulatedCamera(width, height, PixelType.UINT16, 6);
        List<FrameCoordinates> frames = framesOf(settings, timePoints);
        WriterStatistics statistics = writeAll(settings, camera, frames);
        int frameCount = timePoints * channels * zSlices;
        long chunks = (long) timePoints * channels * 2 * 2 * 2;
        long chunkBytes = 2L * 48 * 48 * 2;
        assertEquals(frameCount, statistics.framesAccepted(), "framesAccepted");
        assertEquals(frameCount, statistics.framesWritten(), "framesWritten");
        assertEquals(chunks, statistics.chunksWritten(), "chunksWritten");
        assertEquals(chunks * chunkBytes, statistics.bytesRaw(), "bytesRaw");
        long onDisk;
        try (Stream<Path> files = Files.walk(output.resolve("0"))) {
            onDisk = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
        assertEquals(onDisk, statistics.bytesStored(), "bytesStored = the chunk files' sizes");
        assertTrue(statistics.compressionRatio() > 1.0, "blosc on camera-like data: " + statistics.compressionRatio());
        assertEquals((double) statistics.bytesRaw() / statistics.bytesStored(), statistics.compressionRatio(), 1e-9);
        assertEquals(settings.memoryPlan().plannedBytes(), statistics.plannedMemoryBytes());
        assertTrue(statistics.plannedMemoryBytes() <= 8L << 20);
        assertTrue(statistics.ringHighWater() <= statistics.ringSlots());
        assertTrue(statistics.elapsedNanos() > 0);
        String text = statistics.toString();
        assertTrue(text.contains(frameCount + " accepted, " + frameCount + " written in " + chunks + " chunks"), text);
        assertFramesExact(output, camera, frames);
    }

    @Test
    void statisticsOfWholeFrameChunks() throws Exception {
        Path output = temp.resolve("whole.ome.zarr");
        int timePoints = 12;
        WriterSettings settings = small(output, timePoints).memoryBudgetBytes(4L << 20).build();
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, 8);
        List<FrameCoordinates> frames = framesOf(settings, timePoints);
        WriterStatistics statistics = writeAll(settings, camera, frames);
        assertEquals(timePoints, statistics.framesAccepted());
        assertEquals(timePoints, statistics.framesWritten());
        assertEquals(timePoints, statistics.chunksWritten());
        assertEquals((long) timePoints * WIDTH * HEIGHT * 2, statistics.bytesRaw());
        assertTrue(statistics.compressionRatio() > 1.0, String.valueOf(statistics.compressionRatio()));
        assertEquals(0, statistics.blockedNanos(), "a 4 MiB budget holds the whole run: nothing blocks");
        assertFramesExact(output, camera, frames);
    }

    /** An RGB frame fills three stored channels at once: the plan's minimum budget must hold them. */
    @Test
    void rgbStacksFitTheMinimumBudgetThePlanAccepts() throws Exception {
        WriterSettings.Builder builder = WriterSettings.builder().output(temp.resolve("rgb-min.ome.zarr"))
                .format(ZarrFormat.V2).timePoints(2).zSlices(4).frameSize(64, 64).pixelType(PixelType.RGB8)
                .chunkShape(1, 1, 4, 32, 32).writerThreads(1).codec(CodecSpec.none());
        long budget = 1L << 20;
        while (true) { // the smallest budget the plan accepts
            try {
                builder.memoryBudgetBytes(budget).build();
                break;
            } catch (SettingsException tooSmall) {
                budget += 16 << 10;
            }
        }
        WriterSettings settings = builder.memoryBudgetBytes(budget).build();
        SimulatedCamera camera = new SimulatedCamera(64, 64, PixelType.RGB8, 3);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (FrameCoordinates frame : framesOf(settings, 2)) {
                writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            writer.finish();
            assertEquals(8, writer.statistics().framesWritten());
        }
    }
}
