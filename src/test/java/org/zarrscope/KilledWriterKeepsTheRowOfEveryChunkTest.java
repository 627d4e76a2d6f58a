package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.zarrscope.testing.ZarrscopeChild.output;
import static org.zarrscope.testing.ZarrscopeChild.regularFiles;

import java.nio.file.Files;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.metadata.FrameTableKeys;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ShardTail;
import org.zarrscope.testing.ZarrscopeChild;

/**
 * A frame's metadata is on disk no later than its pixels: a writer killed mid-run (SIGKILL: no
 * shutdown hook, no finish) leaves a frame table that holds the row of every frame whose chunk is
 * on disk, as {@link FrameTableReader} reads it straight after the kill; for a sharded v3
 * dataset also after {@code zarrscope recover}, which writes the table's journal as its last
 * segment, for every inner chunk the recovered shards index.
 *
 * <p>The writer is {@code zarrscope simulate --open-ended} in a child JVM; every frame has an
 * elapsed time, so a row without one was not the frame's own.
 */
@ExternalProcess
class KilledWriterKeepsTheRowOfEveryChunkTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A v2 chunk of one whole 256×256 frame: {@code 0/t/0/0/0/0}. */
    private static final Pattern V2_CHUNK = Pattern.compile("0/(\\d+)/0/0/0/0");
    /** A complete v3 shard of 8 time points × 2×2 tiles of 128×128: {@code 0/c/n/0/0/0/0}. */
    private static final Pattern V3_SHARD = Pattern.compile("0/c/(\\d+)/0/0/0/0");
    private static final int SHARD_T = 8;
    private static final int INNER_PER_SHARD = SHARD_T * 2 * 2;

    @TempDir
    Path temporary;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyChunkOnDiskHasItsRowAfterTheKill() throws Exception {
        Path dataset = temporary.resolve("killed.ome.zarr");
        runAndKill(dataset, 40, "--format", "v2");

        TreeSet<Integer> chunkTimes = new TreeSet<>();
        for (String key : regularFiles(dataset)) {
            Matcher chunk = V2_CHUNK.matcher(key);
            if (chunk.matches()) {
                chunkTimes.add(Integer.parseInt(chunk.group(1)));
            }
        }
        assertTrue(chunkTimes.size() >= 40, "chunk files after the kill: " + chunkTimes.size());
        Map<Integer, FrameRecord> rows = rowsByTime(new FileSystemStore(dataset));
        System.out.println("killed after " + chunkTimes.size() + " chunk files (t up to " + chunkTimes.last() + "); "
                + rows.size() + " rows in the frame table");
        assertRowsOf(chunkTimes, rows);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyInnerChunkOfARecoveredShardHasItsRow() throws Exception {
        Path dataset = temporary.resolve("killed-v3.ome.zarr");
        runAndKill(dataset, 4, "--format", "v3", "--chunk", "1,1,1,128,128", "--shard", SHARD_T + ",1,1,256,256");
        assertRowsOf(innerChunkTimes(dataset), rowsByTime(new FileSystemStore(dataset)));

        CommandRun recover = CommandRun.zarrscope("recover", dataset.toString());
        assertEquals(0, recover.exitCode, "zarrscope recover: " + recover);
        assertFalse(Files.exists(dataset.resolve(FrameTableKeys.journalKey(0))), "the journal after recovery");
        TreeSet<Integer> times = innerChunkTimes(dataset);
        Map<Integer, FrameRecord> rows = rowsByTime(new FileSystemStore(dataset));
        System.out.println("recovered: " + times.size() + " time points with inner chunks; " + rows.size()
                + " rows in the frame table\n" + recover.out);
        assertRowsOf(times, rows);
    }

    /** The time points of every inner chunk the dataset's complete shards index. */
    private static TreeSet<Integer> innerChunkTimes(Path dataset) throws Exception {
        TreeSet<Integer> times = new TreeSet<>();
        for (String key : regularFiles(dataset)) {
            Matcher shard = V3_SHARD.matcher(key);
            if (shard.matches()) {
                ShardTail tail = ShardTail.parse(Files.readAllBytes(dataset.resolve(key)), INNER_PER_SHARD);
                for (int inner = 0; inner < INNER_PER_SHARD; inner++) {
                    if (!tail.isEmpty(inner)) {
                        times.add(Integer.parseInt(shard.group(1)) * SHARD_T + inner / 4);
                    }
                }
            }
        }
        assertFalse(times.isEmpty(), "no shard on disk");
        return times;
    }

    private static Map<Integer, FrameRecord> rowsByTime(FileSystemStore store) throws Exception {
        Map<Integer, FrameRecord> rows = new TreeMap<>();
        for (FrameRecord row : FrameTableReader.read(store)) {
            rows.put(row.frame().time(), row);
        }
        return rows;
    }

    private static void assertRowsOf(TreeSet<Integer> times, Map<Integer, FrameRecord> rows) {
        TreeSet<Integer> missing = new TreeSet<>(times);
        missing.removeAll(rows.keySet());
        assertTrue(missing.isEmpty(), missing.size() + " of " + times.size() + " time points on disk have no row "
                + "in the frame table, e.g. t=" + missing.stream().limit(10).collect(Collectors.toList()));
        for (int t : times) {
            assertNotNull(rows.get(t).metadata().elapsedMs(), "the elapsed time of t=" + t);
        }
    }

    /** Runs an open-ended simulation until its array folder holds {@code files} visible files, then kills it. */
    private static void runAndKill(Path dataset, int files, String... format) throws Exception {
        Path log = dataset.resolveSibling(dataset.getFileName() + ".log");
        List<String> args = new ArrayList<>(List.of("simulate", "--out", dataset.toString(), "--frames",
                "100000", "--open-ended", "--size", "256x256", "--codec", "blosc-lz4", "--no-progress", "--seed", "3"));
        args.addAll(List.of(format));
        Process child = ZarrscopeChild.start(log, args.toArray(new String[0]));
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            int seen = 0;
            while (child.isAlive() && System.nanoTime() < deadline && seen < files) {
                seen = ZarrscopeChild.chunkFiles(dataset.resolve("0"));
                Thread.sleep(5);
            }
            if (!child.isAlive() || seen < files) {
                fail("the writer " + (child.isAlive() ? "wrote only " + seen + " files in " + WAIT
                        : "exited with " + child.exitValue() + " before it was killed") + "; its output:\n" + output(log));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed writer did not exit");
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
