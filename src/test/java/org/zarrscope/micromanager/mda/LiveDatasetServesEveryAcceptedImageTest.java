package org.zarrscope.micromanager.mda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameRejectedException;
import org.zarrscope.ZarrFormat;
import org.zarrscope.zarr.ZarrJson;

/**
 * What Micro-Manager's viewer relies on during an acquisition: every image accepted can be read
 * back at once, from memory while its chunk is not on disk, from the dataset afterwards, with
 * the pixels it had.
 */
class LiveDatasetServesEveryAcceptedImageTest {
    private static final List<String> ORDER = MdaFrames.axes("time", "position", "z", "channel");
    private static final long FRAME_BYTES = MdaFrames.WIDTH * MdaFrames.HEIGHT * 2;

    @Test
    void aRecentImageComesBackFromMemoryAsItWasGiven(@TempDir Path folder) throws Exception {
        MdaSummary summary = MdaFrames.summary(ORDER, MdaFrames.counts(3, 1, 2, 2));
        try (LiveDataset dataset = LiveDataset.open(summary, SaveOptions.DEFAULTS, folder.resolve("a.ome.zarr"))) {
            Map<String, Integer> coords = Map.of("time", 1, "z", 1);
            short[] pixels = MdaFrames.pixels(coords);
            MdaFrameMetadata metadata = MdaFrameMetadata.builder().exposureMs(12.5).camera("Cam").build();
            dataset.put(coords, pixels, metadata);

            MdaImage image = dataset.get(coords);
            assertSame(pixels, image.pixels());
            assertSame(metadata, image.metadata());
            assertEquals(Map.of("time", 1, "position", 0, "z", 1, "channel", 0), image.coordinates());
            assertNull(dataset.get(Map.of("time", 2)), "an image never saved is not there");
        }
    }

    @Test
    void onceOnDiskImagesAreReadBackFromTheDatasetDuringTheAcquisition(@TempDir Path folder) throws Exception {
        MdaSummary summary = MdaFrames.summary(ORDER, MdaFrames.counts(4, 2, 2, 2));
        SaveOptions noCache = SaveOptions.builder().format(ZarrFormat.V2).viewerCacheMiB(0).build();
        try (LiveDataset dataset = LiveDataset.open(summary, noCache, folder.resolve("b.ome.zarr"))) {
            assertEquals("1", dataset.imagePath(1));
            List<Map<String, Integer>> images = new ArrayList<>();
            MdaFrames.forEachImage(ORDER, MdaFrames.counts(2, 2, 2, 2), coords -> {
                dataset.put(coords, MdaFrames.pixels(coords), MdaFrameMetadata.NONE);
                images.add(coords);
            });
            waitFor(() -> dataset.bytesInMemory() == 0, "every image's chunk to be written and dropped from memory");
            assertFalse(dataset.isFrozen());
            for (Map<String, Integer> coords : images) {
                MdaImage image = dataset.get(coords);
                short[] expected = MdaFrames.pixels(coords);
                assertNotSame(expected, image.pixels());
                assertArrayEquals(expected, (short[]) image.pixels(), "image " + coords + " read from disk");
                assertSame(MdaFrameMetadata.NONE, image.metadata());
            }
        }
    }

    @Test
    void anImageWhoseChunkIsNotWrittenYetStaysInMemory(@TempDir Path folder) throws Exception {
        MdaSummary summary = MdaFrames.summary(ORDER, MdaFrames.counts(1, 1, 4, 1));
        SaveOptions zChunks = SaveOptions.builder().format(ZarrFormat.V2).viewerCacheMiB(0)
                .chunkShape(new int[] {1, 1, 4, MdaFrames.HEIGHT, MdaFrames.WIDTH}).build();
        Path output = folder.resolve("c.ome.zarr");
        try (LiveDataset dataset = LiveDataset.open(summary, zChunks, output)) {
            List<short[]> given = new ArrayList<>();
            for (int z = 0; z < 3; z++) {
                short[] pixels = MdaFrames.pixels(Map.of("z", z));
                dataset.put(Map.of("z", z), pixels, MdaFrameMetadata.NONE);
                given.add(pixels);
            }
            Thread.sleep(300); // the writer's threads have time to write what they could
            assertFalse(Files.exists(output.resolve("0/0/0/0/0/0")), "the chunk waits for its fourth slice");
            assertEquals(3 * FRAME_BYTES, dataset.bytesInMemory(), "kept beyond a budget of 0: not servable otherwise");
            for (int z = 0; z < 3; z++) {
                assertSame(given.get(z), dataset.get(Map.of("z", z)).pixels());
            }

            dataset.put(Map.of("z", 3), MdaFrames.pixels(Map.of("z", 3)), MdaFrameMetadata.NONE);
            waitFor(() -> dataset.bytesInMemory() == 0, "the completed chunk to be written");
            assertTrue(Files.exists(output.resolve("0/0/0/0/0/0")));
            for (int z = 0; z < 4; z++) {
                assertArrayEquals(MdaFrames.pixels(Map.of("z", z)), (short[]) dataset.get(Map.of("z", z)).pixels());
            }
        }
    }

    @Test
    void shardedImagesAreServedUntilAndAfterTheirShardIsComplete(@TempDir Path folder) throws Exception {
        Map<String, Integer> counts = MdaFrames.counts(3, 2, 3, 2);
        MdaSummary summary = MdaFrames.summary(ORDER, counts);
        SaveOptions sharded = SaveOptions.builder().viewerCacheMiB(0).build(); // v3, automatic shards
        try (LiveDataset dataset = LiveDataset.open(summary, sharded, folder.resolve("d.ome.zarr"))) {
            List<Map<String, Integer>> images = new ArrayList<>();
            MdaFrames.forEachImage(ORDER, counts, coords -> {
                dataset.put(coords, MdaFrames.pixels(coords), MdaFrameMetadata.NONE);
                images.add(coords);
                for (Map<String, Integer> earlier : images) {
                    assertEquals(MdaFrames.pixels(earlier).length, length(dataset, earlier));
                }
            });
            dataset.freeze(status -> { });
            assertEquals(0, dataset.bytesInMemory(), "every shard is complete after freeze");
            for (Map<String, Integer> coords : images) {
                assertArrayEquals(MdaFrames.pixels(coords), (short[]) dataset.get(coords).pixels(), "image " + coords);
            }
        }
    }

    private static int length(LiveDataset dataset, Map<String, Integer> coords) {
        try {
            return ((short[]) dataset.get(coords).pixels()).length;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyPixelTypeComesBackFromDiskInMicroManagersLayout(@TempDir Path folder) throws Exception {
        int pixels = MdaFrames.WIDTH * MdaFrames.HEIGHT;
        byte[] gray8 = new byte[pixels];
        float[] gray32 = new float[pixels];
        byte[] bgra = new byte[pixels * 4];
        for (int i = 0; i < pixels; i++) {
            gray8[i] = (byte) (i * 3);
            gray32[i] = i * 0.25f - 7;
            bgra[i * 4] = (byte) i;           // blue
            bgra[i * 4 + 1] = (byte) (i + 50); // green
            bgra[i * 4 + 2] = (byte) (200 - i); // red; alpha, which is not stored, stays 0
        }
        Object[] given = {gray8, gray32, bgra};
        MdaPixelType[] types = {MdaPixelType.GRAY8, MdaPixelType.GRAY32, MdaPixelType.RGB32};
        for (int i = 0; i < types.length; i++) {
            MdaSummary summary = MdaFrames.summary(ORDER, MdaFrames.counts(1, 1, 1, 2)).toBuilder()
                    .pixelType(types[i]).build();
            SaveOptions noCache = SaveOptions.builder().viewerCacheMiB(0).build();
            try (LiveDataset dataset = LiveDataset.open(summary, noCache, folder.resolve(types[i] + ".ome.zarr"))) {
                dataset.put(Map.of("channel", 1), given[i], MdaFrameMetadata.NONE);
                dataset.freeze(status -> { });
                Object read = dataset.get(Map.of("channel", 1)).pixels();
                assertNotSame(given[i], read);
                if (read instanceof float[]) {
                    assertArrayEquals((float[]) given[i], (float[]) read, types[i].name());
                } else {
                    assertArrayEquals((byte[]) given[i], (byte[]) read, types[i].name());
                }
            }
        }
    }

    @Test
    void theViewersQueriesSeeExactlyTheImagesSaved(@TempDir Path folder) throws Exception {
        MdaSummary summary = MdaFrames.summary(ORDER, MdaFrames.counts(5, 1, 3, 2));
        try (LiveDataset dataset = LiveDataset.open(summary, SaveOptions.DEFAULTS, folder.resolve("e.ome.zarr"))) {
            assertEquals(-1, dataset.maxIndex("z"));
            assertNull(dataset.any());
            MdaFrames.forEachImage(ORDER, MdaFrames.counts(2, 1, 3, 2), coords ->
                    dataset.put(coords, MdaFrames.pixels(coords), MdaFrameMetadata.NONE));
            dataset.put(Map.of("time", 3, "z", 2, "channel", 1), MdaFrames.pixels(Map.of("time", 3, "z", 2, "channel", 1)),
                    MdaFrameMetadata.NONE);

            assertEquals(13, dataset.count());
            assertEquals(13, dataset.savedCoordinates().size());
            assertEquals(Map.of("time", 3, "position", 0, "z", 2, "channel", 1), dataset.maxIndices());
            assertTrue(dataset.hasImage(Map.of("time", 3, "z", 2, "channel", 1)));
            assertFalse(dataset.hasImage(Map.of("time", 2)));
            assertTrue(dataset.any() != null);

            List<MdaImage> bothChannels = dataset.ignoringAxes(Map.of("time", 1, "z", 2), Set.of("channel"));
            assertEquals(2, bothChannels.size());
            for (MdaImage image : bothChannels) {
                assertEquals(1, image.coordinates().get("time"));
                assertEquals(2, image.coordinates().get("z"));
                assertArrayEquals(MdaFrames.pixels(image.coordinates()), (short[]) image.pixels());
            }
            assertEquals(1, dataset.ignoringAxes(Map.of("time", 3, "z", 2), Set.of("channel")).size());
            assertEquals(6, dataset.matching(Map.of("time", 1)).size());
            assertEquals(7, dataset.matching(Map.of("channel", 1)).size(), "2 time points x 3 z, and t3 z2");
        }
    }

    @Test
    void aRefusedImageLeavesTheSavedOnesAsTheyWere(@TempDir Path folder) throws Exception {
        MdaSummary summary = MdaFrames.summary(ORDER, MdaFrames.counts(2, 1, 1, 1));
        try (LiveDataset dataset = LiveDataset.open(summary, SaveOptions.DEFAULTS, folder.resolve("f.ome.zarr"))) {
            short[] first = MdaFrames.pixels(Map.of());
            dataset.put(Map.of(), first, MdaFrameMetadata.NONE);
            FrameRejectedException twice = assertThrows(FrameRejectedException.class,
                    () -> dataset.put(Map.of(), new short[first.length], MdaFrameMetadata.NONE));
            assertTrue(twice.getMessage().contains("saved before"), twice.getMessage());
            assertSame(first, dataset.get(Map.of()).pixels());

            assertThrows(FrameRejectedException.class, () -> dataset.put(Map.of("time", 1), new short[3],
                    MdaFrameMetadata.NONE));
            assertThrows(FrameRejectedException.class, () -> dataset.put(Map.of("z", 1), first, MdaFrameMetadata.NONE));
            assertFalse(dataset.hasImage(Map.of("time", 1)));
            assertEquals(1, dataset.count());
            assertEquals(0, dataset.maxIndex("time"));
        }
    }

    @Test
    void freezeFinishesTheDatasetAndThenRefusesImages(@TempDir Path folder) throws Exception {
        MdaSummary summary = MdaFrames.summary(ORDER, MdaFrames.counts(2, 1, 1, 1));
        Path output = folder.resolve("g.ome.zarr");
        try (LiveDataset dataset = LiveDataset.open(summary, SaveOptions.DEFAULTS, output)) {
            dataset.put(Map.of(), MdaFrames.pixels(Map.of()), MdaFrameMetadata.NONE);
            assertEquals("acquiring", status(output));
            List<String> progress = new ArrayList<>();
            dataset.freeze(progress::add);
            assertTrue(dataset.isFrozen());
            assertEquals("complete", status(output));
            assertFalse(progress.isEmpty());
            IllegalStateException frozen = assertThrows(IllegalStateException.class,
                    () -> dataset.put(Map.of("time", 1), MdaFrames.pixels(Map.of("time", 1)), MdaFrameMetadata.NONE));
            assertTrue(frozen.getMessage().contains("frozen"), frozen.getMessage());
            assertArrayEquals(MdaFrames.pixels(Map.of()), (short[]) dataset.get(Map.of()).pixels());
        }
        assertEquals("complete", status(output), "closing a frozen dataset changes nothing");
    }

    @Test
    void closingWithoutFreezeMarksTheRunAborted(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("h.ome.zarr");
        LiveDataset dataset = LiveDataset.open(MdaFrames.summary(ORDER, MdaFrames.counts(2, 1, 1, 1)),
                SaveOptions.DEFAULTS, output);
        dataset.put(Map.of(), MdaFrames.pixels(Map.of()), MdaFrameMetadata.NONE);
        dataset.close();
        assertEquals("aborted", status(output));
        assertThrows(IllegalStateException.class, () -> dataset.get(Map.of()));
    }

    @Test
    void anExistingDatasetIsNeverOpenedAgain(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("i.ome.zarr");
        MdaSummary summary = MdaFrames.summary(ORDER, MdaFrames.counts(1, 1, 1, 1));
        LiveDataset.open(summary, SaveOptions.DEFAULTS, output).close();
        java.io.IOException again = assertThrows(java.io.IOException.class,
                () -> LiveDataset.open(summary, SaveOptions.DEFAULTS, output));
        assertTrue(again.getMessage().contains("already holds data"), again.getMessage());
    }

    private static String status(Path output) throws Exception {
        JsonNode group = ZarrJson.MAPPER.readTree(output.resolve("zarr.json").toFile());
        return group.path("attributes").path("zarrscope").path("status").asText();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s for " + what);
            }
            Thread.sleep(10);
        }
    }
}
