package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.zarrscope.testing.ZarrscopeChild.output;
import static org.zarrscope.testing.ZarrscopeChild.regularFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.zarrscope.ome.OmeXmlDocument;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.testing.ShardTail;
import org.zarrscope.testing.Zarrita;

/**
 * A sharded Zarr v3 writer killed mid-acquisition (SIGKILL: no shutdown hook, no finish) leaves
 * complete shards that zarrita reads pixel-exact, and unfinished shards as hidden
 * {@code .N.partial} files with {@code .N.journal.partial} journals beside them; {@code zarrscope
 * recover} then indexes the unfinished shards from their journals, moves them into place, removes
 * every temporary file and marks the image {@code recovered}, after which zarrita reads every inner
 * chunk the recovered shards list pixel-exact.
 *
 * <p>The writer runs in a child JVM as {@code zarrscope simulate --format v3 --chunk
 * 1,1,1,128,128 --shard 8,1,1,256,256 --size 256x256 --open-ended}: each shard holds 8 time points
 * × 2×2 tiles of 128×128 uint16, its inner chunk {@code p} in C order being time {@code 8n + p/4},
 * tile row {@code (p/2) % 2}, tile column {@code p % 2}. Expected pixels come from
 * {@link SimulatedCamera} with the same seed. Shard indexes and journals are parsed here, not with
 * Zarrscope's classes.
 */
@ExternalProcess
class KilledV3WriterIsRecoveredTest {
    private static final int SIZE = 256;
    private static final int TILE = 128;
    private static final int SHARD_T = 8;
    private static final int INNER_PER_SHARD = SHARD_T * 2 * 2;
    private static final long SEED = 11;
    private static final int COMPLETE_SHARDS_BEFORE_KILL = 3;
    private static final int ATTEMPTS = 3;
    private static final Duration WAIT_FOR_SHARDS = Duration.ofSeconds(60);
    private static final int JOURNAL_RECORD = 20;
    /** A shard key below the array {@code 0}: {@code c/t/c/z/y/x}. */
    private static final Pattern SHARD = Pattern.compile("0/c/(\\d+)/0/0/0/0");
    private static final Pattern PARTIAL_SHARD = Pattern.compile("0/c/(\\d+)/0/0/0/\\.0\\.partial");
    private static final Pattern PARTIAL_JOURNAL = Pattern.compile("0/c/(\\d+)/0/0/0/\\.0\\.journal\\.partial");
    private static final Pattern SHARD_LINE = Pattern.compile(
            "shard 0/c/(\\d+)/0/0/0/0: (\\d+) inner chunks recovered(?:, (\\d+) cut off by the crash could not be)?");
    private static final Pattern REMOVED_LINE = Pattern.compile("shard 0/c/(\\d+)/0/0/0/0: nothing recoverable, removed");
    private static final Pattern SUMMARY = Pattern.compile(
            "recovered (\\d+) shards holding (\\d+) chunks; (\\d+) chunks could not be recovered");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temporary;

    /** What the kill left of one unfinished shard, read before recovery touches it. */
    private static final class Unfinished {
        final int shard;
        final long dataBytes;
        /** Inner chunks whose journal record is whole and points inside the data written. */
        final TreeSet<Integer> listed = new TreeSet<>();
        /** Records the kill cut off or left unwritten (zeros), and a trailing partial record. */
        int damaged;

        Unfinished(int shard, long dataBytes, byte[] journal) {
            this.shard = shard;
            this.dataBytes = dataBytes;
            ByteBuffer records = ByteBuffer.wrap(journal).order(ByteOrder.LITTLE_ENDIAN);
            while (records.remaining() >= JOURNAL_RECORD) {
                int inner = records.getInt();
                long offset = records.getLong();
                long length = records.getLong();
                if (inner >= 0 && inner < INNER_PER_SHARD && offset >= 0 && length > 0 && offset + length <= dataBytes) {
                    listed.add(inner);
                } else {
                    damaged++;
                }
            }
            if (records.hasRemaining()) {
                damaged++;
            }
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killedShardedWriterIsReadableAndRecovered() throws Exception {
        Path dataset = null;
        Map<Integer, Unfinished> unfinished = new TreeMap<>();
        TreeSet<Integer> complete = new TreeSet<>();
        List<String> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS && (unfinished.isEmpty() || listedNone(unfinished)); attempt++) {
            dataset = temporary.resolve("killed" + attempt + ".ome.zarr");
            runAndKill(dataset, temporary.resolve("child" + attempt + ".log"));
            unfinished.clear();
            complete.clear();
            survey(dataset, complete, unfinished);
            attempts.add("attempt " + attempt + ": complete shards " + complete + ", unfinished "
                    + unfinished.values().stream().map(u -> u.shard + " (" + u.listed.size() + " listed, "
                    + u.damaged + " damaged)").collect(Collectors.toList()));
        }
        System.out.println("killed sharded writer: " + attempts);
        assertFalse(unfinished.isEmpty() || listedNone(unfinished),
                "no kill left an unfinished shard with a whole journal record: " + attempts);
        assertTrue(complete.size() >= COMPLETE_SHARDS_BEFORE_KILL, "complete shards after the kill: " + complete);
        for (Unfinished u : unfinished.values()) {
            assertFalse(complete.contains(u.shard), "shard " + u.shard + " is both complete and unfinished");
        }

        // zarrita, before any repair: every complete shard reads pixel-exact, unfinished ones are invisible
        SimulatedCamera camera = new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, SEED);
        Zarrita.Dataset before = readWithZarrita(dataset, "killed");
        int[] shape = before.shape();
        assertNotNull(shape, "zarrita reported no shape");
        assertArrayEquals(new int[] {shape[0], 1, 1, SIZE, SIZE}, shape, "shape zarrita reads");
        assertArrayEquals(new int[] {SHARD_T, 1, 1, SIZE, SIZE}, before.chunks(), "shard shape zarrita reads");
        assertArrayEquals(new int[] {1, 1, 1, TILE, TILE}, before.innerChunks(), "inner chunk shape zarrita reads");
        assertTrue(shape[0] >= (complete.last() + 1) * SHARD_T, "the array's t extent " + shape[0]
                + " does not cover complete shard " + complete.last());
        Map<Integer, int[]> everyTile = new TreeMap<>();
        for (int shard : complete) {
            for (int t = shard * SHARD_T; t < (shard + 1) * SHARD_T; t++) {
                everyTile.put(t, new int[] {1, 1, 1, 1});
            }
        }
        assertPlanes(before, camera, everyTile, "before recovery");

        // zarrscope recover, in-process
        CommandRun recover = CommandRun.zarrscope("recover", dataset.toString());
        System.out.println("zarrscope recover: " + recover);
        checkReport(recover.out, recover.err, recover.exitCode, unfinished);

        // no temporary file is left; every unfinished shard with a listed chunk is now in place
        List<String> leftovers = regularFiles(dataset).stream()
                .filter(key -> key.endsWith(FileSystemStore.TEMPORARY_SUFFIX)).collect(Collectors.toList());
        assertEquals(List.of(), leftovers, "temporary files after recovery");
        Map<Integer, int[]> recoveredTiles = new TreeMap<>(everyTile);
        for (Unfinished u : unfinished.values()) {
            Path file = dataset.resolve("0/c/" + u.shard + "/0/0/0/0");
            if (u.listed.isEmpty()) {
                assertFalse(Files.exists(file), "shard " + u.shard + " had nothing recoverable, yet exists");
                continue;
            }
            assertTrue(Files.isRegularFile(file), "unfinished shard " + u.shard + " was not moved into place");
            byte[] bytes = Files.readAllBytes(file);
            ShardTail tail = ShardTail.parse(bytes, INNER_PER_SHARD);
            assertTrue(tail.crcMatches(), "CRC32C of the recovered index of shard " + u.shard);
            TreeSet<Integer> indexed = new TreeSet<>();
            long lastByte = 0;
            for (int p = 0; p < INNER_PER_SHARD; p++) {
                if (tail.isEmpty(p)) {
                    continue;
                }
                assertTrue(tail.offset(p) >= 0 && tail.length(p) > 0
                                && tail.offset(p) + tail.length(p) <= tail.indexStart(),
                        "range of inner chunk " + p + " of recovered shard " + u.shard + " lies inside the data");
                lastByte = Math.max(lastByte, tail.offset(p) + tail.length(p));
                indexed.add(p);
            }
            assertEquals(u.listed, indexed, "inner chunks the recovered index of shard " + u.shard
                    + " lists: those with a whole journal record");
            assertEquals(lastByte, tail.indexStart(), "the recovered index of shard " + u.shard
                    + " starts right after its last chunk byte");
            for (int p : indexed) {
                int t = u.shard * SHARD_T + p / 4;
                recoveredTiles.computeIfAbsent(t, k -> new int[4])[p % 4] = 1;
            }
        }
        JsonNode group = JSON.readTree(dataset.resolve("zarr.json").toFile());
        assertEquals("recovered", group.path("attributes").path("zarrscope").path("status").asText(),
                "the image's status after recovery: " + group.path("attributes").path("zarrscope"));

        // zarrita, after the repair: the complete shards as before, and every listed inner chunk of the
        // recovered ones pixel-exact, unlisted tiles of them as the fill value
        Zarrita.Dataset after = readWithZarrita(dataset, "recovered");
        assertArrayEquals(shape, after.shape(), "recovery does not change the shape");
        int highest = recoveredTiles.keySet().stream().mapToInt(Integer::intValue).max().getAsInt();
        assertTrue(shape[0] > highest, "the array's t extent " + shape[0] + " does not cover t=" + highest
                + ", which a recovered shard lists");
        assertPlanes(after, camera, recoveredTiles, "after recovery");
    }

    private static boolean listedNone(Map<Integer, Unfinished> unfinished) {
        return unfinished.values().stream().allMatch(u -> u.listed.isEmpty());
    }

    /** The report's lines agree with each other, with the exit code and with the journals read before. */
    private static void checkReport(String report, String errors, int exitCode, Map<Integer, Unfinished> unfinished) {
        List<String> lines = Arrays.stream(report.split("\\R")).filter(line -> !line.isBlank())
                .collect(Collectors.toList());
        Matcher summary = SUMMARY.matcher(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        assertTrue(summary.matches(), "the last line of the report is the summary: " + report + errors);
        int shardsRecovered = Integer.parseInt(summary.group(1));
        int chunksRecovered = Integer.parseInt(summary.group(2));
        int lost = Integer.parseInt(summary.group(3));

        int shardLines = 0;
        int chunksInLines = 0;
        int lostInLines = 0;
        TreeSet<Integer> mentioned = new TreeSet<>();
        boolean markedRecovered = false;
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher shard = SHARD_LINE.matcher(line);
            Matcher removed = REMOVED_LINE.matcher(line);
            if (shard.matches()) {
                int n = Integer.parseInt(shard.group(1));
                assertTrue(mentioned.add(n), "shard " + n + " is reported twice: " + report);
                Unfinished u = unfinished.get(n);
                assertNotNull(u, "shard " + n + " was not unfinished, yet is reported recovered: " + report);
                int found = Integer.parseInt(shard.group(2));
                int cut = shard.group(3) == null ? 0 : Integer.parseInt(shard.group(3));
                assertEquals(u.listed.size(), found, "chunks reported for shard " + n + " (its journal lists "
                        + u.listed + ")");
                assertEquals(u.damaged, cut, "chunks reported cut off in shard " + n);
                shardLines++;
                chunksInLines += found;
                lostInLines += cut;
            } else if (removed.matches()) {
                int n = Integer.parseInt(removed.group(1));
                assertTrue(mentioned.add(n), "shard " + n + " is reported twice: " + report);
                Unfinished u = unfinished.get(n);
                assertNotNull(u, "shard " + n + " was not unfinished, yet is reported removed: " + report);
                assertTrue(u.listed.isEmpty(), "shard " + n + " is reported unrecoverable, but its journal lists "
                        + u.listed);
                lostInLines += u.damaged;
            } else if (line.startsWith("marked (root) recovered")) {
                markedRecovered = true;
            } else if (line.startsWith("frame table: ")) {
                continue; // the frame table's journal made a segment: KilledWriterKeepsTheRowOfEveryChunkTest
            } else {
                assertTrue(line.startsWith("removed the unfinished write of ")
                                || line.startsWith("removed the space the writer set aside for finishing"),
                        "unexpected report line '" + line + "' in:\n" + report);
            }
        }
        assertEquals(unfinished.keySet(), mentioned, "every unfinished shard is reported once: " + report);
        assertEquals(shardLines, shardsRecovered, "shards recovered in the summary vs. the shard lines: " + report);
        assertEquals(chunksInLines, chunksRecovered, "chunks recovered in the summary vs. the shard lines: " + report);
        assertEquals(lostInLines, lost, "chunks lost in the summary vs. the shard lines: " + report);
        int expectedLost = unfinished.values().stream().mapToInt(u -> u.damaged).sum();
        assertEquals(expectedLost, lost, "chunks the journals show were cut off");
        assertEquals(lost == 0 ? 0 : 1, exitCode, "exit code of recover with " + lost + " chunks lost: " + report
                + errors);
        assertTrue(markedRecovered, "the report says the image was marked recovered: " + report);
    }

    /**
     * Compares every plane zarrita read with the camera's, tiles whose flag is 0 as zeros; the planes read
     * must be exactly those of {@code tiles} (only planes whose shard file exists are read).
     */
    private static void assertPlanes(Zarrita.Dataset read, SimulatedCamera camera, Map<Integer, int[]> tiles,
                                     String when) {
        assertTrue(read.planeErrors().isEmpty(), "planes zarrita cannot decode " + when + ": " + read.planeErrors());
        TreeSet<String> expectedKeys = tiles.keySet().stream().map(t -> t + ",0,0")
                .collect(Collectors.toCollection(TreeSet::new));
        // a shard file holds 8 time points; planes of a shard past the last listed one read as zeros
        TreeSet<String> readKeys = new TreeSet<>(read.planes().keySet());
        assertTrue(readKeys.containsAll(expectedKeys), "planes zarrita read " + when + ": " + readKeys
                + ", expected at least " + expectedKeys);
        String zeros = Zarrita.sha256OfZeros(SIZE * SIZE * 2);
        Map<String, String> wrong = new TreeMap<>();
        for (String key : readKeys) {
            int t = Integer.parseInt(key.substring(0, key.indexOf(',')));
            int[] present = tiles.getOrDefault(t, new int[4]);
            ByteBuffer expected = camera.storedPlane(FrameCoordinates.of(t, 0, 0), 0);
            assertEquals(SIZE * SIZE * 2, expected.remaining(), "stored plane size");
            for (int tile = 0; tile < 4; tile++) {
                if (present[tile] == 0) {
                    int y0 = (tile / 2) * TILE;
                    int x0 = (tile % 2) * TILE;
                    for (int y = y0; y < y0 + TILE; y++) {
                        for (int x = x0; x < x0 + TILE; x++) {
                            expected.putShort((y * SIZE + x) * 2, (short) 0);
                        }
                    }
                }
            }
            String hash = Zarrita.sha256(expected);
            if (!hash.equals(read.plane(t, 0, 0))) {
                wrong.put("t=" + t + " tiles " + Arrays.toString(present), (zeros.equals(read.plane(t, 0, 0))
                        ? "all zeros" : read.plane(t, 0, 0)) + ", expected " + hash);
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " of " + readKeys.size() + " planes zarrita read " + when + " are wrong:\n  "
                    + wrong.entrySet().stream().limit(12).map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("\n  ")));
        }
    }

    private static Zarrita.Dataset readWithZarrita(Path dataset, String id) throws Exception {
        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add(id, dataset, "0", true)).get(id);
        read.assertReadable();
        assertEquals("0", read.multiscalesPath(), "multiscales dataset path");
        assertEquals("0.5", read.omeVersion(), "attributes.ome.version");
        assertEquals("uint16", read.dtype(), "data_type");
        return read;
    }

    /** Complete shard files and unfinished shards (data + journal) on disk; any other file fails. */
    private static void survey(Path dataset, TreeSet<Integer> complete, Map<Integer, Unfinished> unfinished)
            throws IOException {
        TreeSet<Integer> partialData = new TreeSet<>();
        TreeSet<Integer> journals = new TreeSet<>();
        List<String> unexpected = new ArrayList<>();
        for (String key : regularFiles(dataset)) {
            Matcher shard = SHARD.matcher(key);
            Matcher data = PARTIAL_SHARD.matcher(key);
            Matcher journal = PARTIAL_JOURNAL.matcher(key);
            if (shard.matches()) {
                complete.add(Integer.parseInt(shard.group(1)));
            } else if (data.matches()) {
                partialData.add(Integer.parseInt(data.group(1)));
            } else if (journal.matches()) {
                journals.add(Integer.parseInt(journal.group(1)));
            } else if (!key.equals("zarr.json") && !key.endsWith("/zarr.json") && !key.startsWith("zarrscope/")
                    && !key.equals(OmeXmlDocument.KEY)
                    && !(key.substring(key.lastIndexOf('/') + 1).startsWith(".")
                    && key.endsWith(FileSystemStore.TEMPORARY_SUFFIX))) {
                unexpected.add(key);
            }
        }
        assertEquals(List.of(), unexpected, "files that are neither metadata, shards nor temporary files");
        for (int n : partialData) {
            Path folder = dataset.resolve("0/c/" + n + "/0/0/0");
            Path journal = folder.resolve(".0.journal.partial");
            if (journals.contains(n)) {
                unfinished.put(n, new Unfinished(n, Files.size(folder.resolve(".0.partial")),
                        Files.readAllBytes(journal)));
            }
        }
    }

    /**
     * Starts {@code zarrscope simulate} in a child JVM, waits until at least
     * {@link #COMPLETE_SHARDS_BEFORE_KILL} shards are complete while an unfinished one has a journal
     * record, kills it forcibly and waits for it to be gone.
     */
    private static void runAndKill(Path dataset, Path childLog) throws Exception {
        Process child = ZarrscopeChild.start(childLog, "simulate", "--out", dataset.toString(), "--format", "v3",
                "--chunk", "1,1,1," + TILE + "," + TILE, "--shard", SHARD_T + ",1,1," + SIZE + "," + SIZE,
                "--size", SIZE + "x" + SIZE, "--open-ended", "--frames", "100000", "--codec", "blosc-lz4",
                "--no-progress", "--seed", String.valueOf(SEED),
                // full resolution only: the shards of streamed pyramid levels are the crash campaign's
                "--pyramid", "none");
        try {
            long deadline = System.nanoTime() + WAIT_FOR_SHARDS.toNanos();
            int[] seen = {0, 0};
            while (child.isAlive() && System.nanoTime() < deadline) {
                seen = shardsNow(dataset.resolve("0/c"));
                if (seen[0] >= COMPLETE_SHARDS_BEFORE_KILL && seen[1] > 0) {
                    break;
                }
                Thread.sleep(2);
            }
            if (!child.isAlive()) {
                fail("the writer exited with " + child.exitValue() + " before it was killed; its output:\n"
                        + output(childLog));
            }
            if (seen[0] < COMPLETE_SHARDS_BEFORE_KILL || seen[1] == 0) {
                fail("the writer completed " + seen[0] + " shards with " + seen[1] + " journaled unfinished ones in "
                        + WAIT_FOR_SHARDS + "; its output:\n" + output(childLog));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed writer did not exit");
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Complete shard files, and journals holding at least one record, while the writer renames files. */
    private static int[] shardsNow(Path shards) throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (!Files.isDirectory(shards)) {
                return new int[] {0, 0};
            }
            try (Stream<Path> files = Files.walk(shards)) {
                int[] counts = {0, 0};
                files.filter(Files::isRegularFile).forEach(path -> {
                    String name = path.getFileName().toString();
                    if (!name.startsWith(".")) {
                        counts[0]++;
                    } else if (name.endsWith(".journal" + FileSystemStore.TEMPORARY_SUFFIX)) {
                        try {
                            counts[1] += Files.size(path) >= JOURNAL_RECORD ? 1 : 0;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
                return counts;
            } catch (UncheckedIOException | NoSuchFileException e) {
                if (attempt >= 20) {
                    throw e; // a file vanished under the walk every time: give up
                }
            }
        }
    }
}
