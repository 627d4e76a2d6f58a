package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.ForwardingPartialFile;
import org.zarrscope.store.ForwardingStore;
import org.zarrscope.store.Store;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.testing.Zarrita;

/**
 * Where committing a shard waits for a disk, a full shard is completed (index, forced to the disk,
 * renamed into place) on a thread of its own, so the writer thread goes on with the next shard's
 * chunks while the disk takes the first; a shard that cannot be completed still fails the run,
 * keeping the shard for {@code recover}. Where it does not (in memory, not durable), the writer
 * thread completes it. Shown with one writer thread and a store whose commit of the first shard
 * waits, or fails.
 */
class FullShardsAreCompletedOffTheWriterThreadsTest {
    private static final int SIZE = 64;
    private static final int TIME_POINTS = 4;
    /** The first shard (time points 0 and 1) of the full-resolution array. */
    private static final String FIRST_SHARD = AcquisitionWriter.FULL_RESOLUTION_PATH + "/c/0/0/0/0/0";
    private static final String SECOND_SHARD = AcquisitionWriter.FULL_RESOLUTION_PATH + "/c/1/0/0/0/0";

    @TempDir
    Path temp;

    @Test
    void theWriterThreadWritesTheNextShardWhileTheFirstIsCompleted() throws Exception {
        Path dataset = temp.resolve("run.ome.zarr");
        CountDownLatch firstCommitMayEnd = new CountDownLatch(1);
        Map<String, String> committedOn = new ConcurrentHashMap<>();
        AtomicInteger secondShardWrites = new AtomicInteger();
        CountDownLatch secondShardFull = new CountDownLatch(1);
        Store store = new ShardStore(dataset, true) {
            @Override
            void written(String key) {
                // the second shard's two chunks, each with its journal record
                if (key.equals(SECOND_SHARD) && secondShardWrites.incrementAndGet() == 2) {
                    secondShardFull.countDown();
                }
            }

            @Override
            void committing(String key) throws IOException {
                committedOn.put(key, Thread.currentThread().getName());
                if (key.equals(FIRST_SHARD)) {
                    awaitOrFail(firstCommitMayEnd, "the test's release of the first shard's commit");
                }
            }
        };
        SimulatedCamera camera = new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, 7);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings(dataset), store)) {
            for (int t = 0; t < TIME_POINTS; t++) {
                FrameCoordinates frame = FrameCoordinates.of(t, 0, 0);
                writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            assertTrue(secondShardFull.await(30, TimeUnit.SECONDS),
                    "the only writer thread wrote the second shard while the first one's commit waited");
            firstCommitMayEnd.countDown();
            writer.finish();
        }
        assertTrue(committedOn.get(FIRST_SHARD).startsWith("zarrscope-shard-completion-"), committedOn.toString());
        assertTrue(committedOn.get(SECOND_SHARD).startsWith("zarrscope-shard-completion-"), committedOn.toString());
        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("full", dataset, "0")).get("full").assertReadable();
        for (int t = 0; t < TIME_POINTS; t++) {
            assertEquals(Zarrita.sha256(camera.storedPlane(FrameCoordinates.of(t, 0, 0), 0)), read.plane(t, 0, 0),
                    "time point " + t);
        }
    }

    @Test
    void aShardThatCannotBeCompletedFailsTheRunAndStaysForRecover() throws Exception {
        Path dataset = temp.resolve("run.ome.zarr");
        Store store = new ShardStore(dataset, true) {
            @Override
            void committing(String key) throws IOException {
                if (key.equals(FIRST_SHARD)) {
                    throw new IOException("simulated: the disk refused to force the shard");
                }
            }
        };
        SimulatedCamera camera = new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, 7);
        WriterFailedException failure;
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings(dataset), store)) {
            try {
                for (int t = 0; t < TIME_POINTS; t++) {
                    FrameCoordinates frame = FrameCoordinates.of(t, 0, 0);
                    writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
                }
            } catch (WriterFailedException refused) { // the failure may reach the writer before the last frame
                assertTrue(refused.getMessage().contains("simulated: the disk refused"), refused.getMessage());
            }
            failure = assertThrows(WriterFailedException.class, writer::finish, "finish must not report success");
        }
        assertTrue(failure.getMessage().contains("cannot complete the shard " + FIRST_SHARD), failure.getMessage());
        assertTrue(failure.getMessage().contains("simulated: the disk refused to force the shard"), failure.getMessage());
        List<String> partials = ZarrscopeChild.regularFiles(dataset).stream()
                .filter(key -> key.endsWith(FileSystemStore.TEMPORARY_SUFFIX)).collect(Collectors.toList());
        assertTrue(partials.stream().anyMatch(key -> key.contains("c/0/0/0/0/.0")),
                "the first shard, for recover: " + partials);
        assertFalse(partials.stream().anyMatch(key -> key.contains("c/1/0/0/0/.0")),
                "the second shard completed: " + partials);
    }

    @Test
    void whereNothingWaitsForADiskTheWriterThreadCompletesTheShard() throws Exception {
        Path dataset = temp.resolve("run.ome.zarr");
        Map<String, String> committedOn = new ConcurrentHashMap<>();
        Store store = new ShardStore(dataset, false) {
            @Override
            void committing(String key) {
                committedOn.put(key, Thread.currentThread().getName());
            }
        };
        SimulatedCamera camera = new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, 7);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings(dataset), store)) {
            for (int t = 0; t < TIME_POINTS; t++) {
                FrameCoordinates frame = FrameCoordinates.of(t, 0, 0);
                writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            writer.finish();
        }
        assertTrue(committedOn.get(FIRST_SHARD).startsWith("zarrscope-chunk-writer-"), committedOn.toString());
        assertTrue(committedOn.get(SECOND_SHARD).startsWith("zarrscope-chunk-writer-"), committedOn.toString());
    }

    private static WriterSettings settings(Path dataset) {
        return WriterSettings.builder().output(dataset).format(ZarrFormat.V3).timePoints(TIME_POINTS).frameSize(SIZE, SIZE)
                .pixelType(PixelType.UINT16).codec(CodecSpec.none()).chunkShape(1, 1, 1, SIZE, SIZE)
                .shardShape(2, 1, 1, SIZE, SIZE).writerThreads(1).pyramid(PyramidMode.NONE).build();
    }

    private static void awaitOrFail(CountDownLatch latch, String what) throws IOException {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IOException("waited 30 s for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + what, e);
        }
    }

    /**
     * A file store that tells the test of each write into a partial value and of each commit,
     * before it happens, and says whether its commits wait for a disk (whatever the test's
     * folder is on).
     */
    private abstract static class ShardStore extends ForwardingStore {
        private final boolean commitWaitsForADisk;

        ShardStore(Path dataset, boolean commitWaitsForADisk) throws IOException {
            super(new FileSystemStore(dataset));
            this.commitWaitsForADisk = commitWaitsForADisk;
        }

        @Override
        public boolean commitWaitsForADisk() {
            return commitWaitsForADisk;
        }

        void written(String key) {
        }

        abstract void committing(String key) throws IOException;

        @Override
        public PartialFile openPartial(String key) throws IOException {
            return new ForwardingPartialFile(super.openPartial(key)) {
                @Override
                public void write(ByteBuffer bytes, long position) throws IOException {
                    super.write(bytes, position);
                    written(key);
                }

                @Override
                public void commit() throws IOException {
                    committing(key);
                    super.commit();
                }
            };
        }
    }
}
