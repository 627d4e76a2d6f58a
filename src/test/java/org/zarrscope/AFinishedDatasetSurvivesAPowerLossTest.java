package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.Fsync;

/**
 * When {@code finish()} returns, a durable dataset is on the disk: every file in it was forced,
 * and then every folder holding one (and the folder holding the dataset), so that no name can
 * point at an empty file after a power loss. A shard is forced under its temporary name, before
 * its rename. With durability off nothing is forced, and the dataset is the same.
 */
class AFinishedDatasetSurvivesAPowerLossTest {
    private static final int WIDTH = 96;
    private static final int HEIGHT = 80;
    private static final int TIME_POINTS = 3;

    @TempDir
    Path temp;

    /** Records, in order, what was forced; a shard's temporary name is recorded as the name it gets. */
    private static final class RecordingFsync extends Fsync {
        final List<Path> forced = Collections.synchronizedList(new ArrayList<>());
        final List<Path> forcedUnderTemporaryName = Collections.synchronizedList(new ArrayList<>());
        final List<Path> forcedAfterTheirRename = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void file(FileChannel channel, Path file) throws IOException {
            super.file(channel, file);
            String name = file.getFileName().toString();
            if (name.startsWith(".") && name.endsWith(FileSystemStore.TEMPORARY_SUFFIX)) {
                Path target = file.resolveSibling(name.substring(1, name.length() - FileSystemStore.TEMPORARY_SUFFIX.length()));
                forcedUnderTemporaryName.add(target);
                if (Files.exists(target)) {
                    forcedAfterTheirRename.add(target);
                }
                forced.add(target);
            } else {
                forced.add(file);
            }
        }

        @Override
        public void folder(Path folder) throws IOException {
            super.folder(folder);
            forced.add(folder);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v3 sharded", "v3 unsharded"})
    void everyFileThenEveryFolderIsForcedBeforeFinishReturns(String format) throws IOException {
        Path output = temp.resolve("run.ome.zarr");
        RecordingFsync fsync = new RecordingFsync();
        WriterSettings settings = builder(format, output).build();
        assertTrue(settings.durable(), "durable by default");
        write(settings, new FileSystemStore(output, settings.durable(), fsync));

        List<Path> files = regularFiles(output);
        assertTrue(files.size() > 3, "the dataset was written: " + files);
        for (Path file : files) {
            int fileForced = fsync.forced.indexOf(file);
            assertTrue(fileForced >= 0, file + " was forced");
            assertTrue(fsync.forced.lastIndexOf(file.getParent()) > fileForced, "the folder of " + file + " was forced after it");
        }
        assertTrue(fsync.forced.contains(output.getParent()), "the folder holding the dataset was forced (its name)");
        assertTrue(fsync.forcedAfterTheirRename.isEmpty(), "shards forced only after their rename: " + fsync.forcedAfterTheirRename);
        List<Path> shards = files.stream()
                .filter(file -> output.relativize(file).toString().replace('\\', '/').matches("(.*/)?c/.*"))
                .collect(Collectors.toList());
        if (format.equals("v3 sharded")) {
            assertFalse(shards.isEmpty(), "the run wrote shards");
            assertTrue(fsync.forcedUnderTemporaryName.containsAll(shards), "every shard was forced before its rename");
        } else {
            assertTrue(fsync.forcedUnderTemporaryName.isEmpty(), "chunk files are forced in the batch at finish");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v3 sharded"})
    void withDurabilityOffNothingIsForced(String format) throws IOException {
        Path output = temp.resolve("run.ome.zarr");
        RecordingFsync fsync = new RecordingFsync();
        WriterSettings settings = builder(format, output).durable(false).build();
        assertFalse(settings.durable());
        write(settings, new FileSystemStore(output, settings.durable(), fsync));

        assertEquals(Collections.emptyList(), fsync.forced);
        assertFalse(regularFiles(output).isEmpty(), "the dataset was written");
    }

    private static WriterSettings.Builder builder(String format, Path output) {
        WriterSettings.Builder builder = WriterSettings.builder().output(output).timePoints(TIME_POINTS)
                .frameSize(WIDTH, HEIGHT).chunkShape(1, 1, 1, 32, 32).writerThreads(2).memoryBudgetBytes(16L << 20);
        if (format.equals("v2")) {
            builder.format(ZarrFormat.V2);
        } else if (format.equals("v3 unsharded")) {
            builder.unsharded();
        }
        return builder;
    }

    private static void write(WriterSettings settings, FileSystemStore store) throws IOException {
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, 3);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings, store)) {
            for (int t = 0; t < TIME_POINTS; t++) {
                writer.write(FrameCoordinates.of(t, 0, 0), camera.frame(FrameCoordinates.of(t, 0, 0)), FrameMetadata.NONE);
            }
            writer.finish();
        }
    }

    private static List<Path> regularFiles(Path output) throws IOException {
        try (Stream<Path> paths = Files.walk(output)) {
            return paths.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }
}
