package org.zarrscope.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.zarrscope.testing.ShardTail;

/**
 * The full-resolution frames the crash promise covers at one moment of a running writer: those
 * in a chunk whose bytes are complete on disk. For Zarr v2 that is every visible chunk file (each
 * is written under a hidden name and renamed); for v3 every inner chunk a complete shard's index
 * lists, and every one a complete record of an unfinished shard's journal names (the record is
 * written after the chunk's bytes). Read from the files as the Zarr spec and the journal format
 * describe them, not with Zarrscope's classes. Taken just before the kill, so everything counted
 * here was complete before it; frames in the ring, in open chunks or in chunks being written are
 * not promised.
 *
 * <p>Frames are keyed {@code "t,c,z"} as the independent readers key planes.
 */
final class PromisedFrames {
    /** A v2 chunk file of array 0: {@code 0/t/c/z/y/x}. */
    private static final Pattern V2_CHUNK = Pattern.compile("0/(\\d+)/(\\d+)/(\\d+)/0/0");
    /** A complete v3 shard of array 0: {@code 0/c/t/c/z/y/x}. */
    private static final Pattern V3_SHARD = Pattern.compile("0/c/(\\d+)/(\\d+)/(\\d+)/0/0");
    /** The journal of an unfinished v3 shard of array 0. */
    private static final Pattern V3_JOURNAL = Pattern.compile("0/c/(\\d+)/(\\d+)/(\\d+)/0/\\.0\\.journal\\.partial");
    /** A journal record: inner chunk (int), offset (long), length (long), little-endian. */
    private static final int JOURNAL_RECORD = 20;
    private static final int ATTEMPTS = 50;

    private PromisedFrames() {
    }

    /** The promised frames of {@code dataset} now, while its writer may still be renaming files in it. */
    static Set<String> now(Path dataset, TrialConfig config) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return config.v3 ? v3(dataset, config) : v2(dataset, config);
            } catch (NoSuchFileException | UncheckedIOException e) {
                if (attempt == ATTEMPTS) {
                    throw new IOException("files of " + dataset + " vanished under every one of " + ATTEMPTS
                            + " surveys", e);
                }
            }
        }
    }

    private static Set<String> v2(Path dataset, TrialConfig config) throws IOException {
        Set<String> frames = new TreeSet<>();
        for (String key : files(dataset)) {
            Matcher chunk = V2_CHUNK.matcher(key);
            if (chunk.matches()) {
                addChunk(frames, config, Integer.parseInt(chunk.group(1)), Integer.parseInt(chunk.group(3)));
            }
        }
        return frames;
    }

    private static Set<String> v3(Path dataset, TrialConfig config) throws IOException {
        int zChunks = TrialConfig.Z / config.chunkZ();
        int innerChunks = TrialConfig.SHARD_TIME_POINTS * zChunks;
        Set<String> frames = new TreeSet<>();
        for (String key : files(dataset)) {
            Matcher shard = V3_SHARD.matcher(key);
            Matcher journal = V3_JOURNAL.matcher(key);
            if (shard.matches()) {
                ShardTail index = ShardTail.parse(Files.readAllBytes(dataset.resolve(key)), innerChunks);
                for (int inner = 0; inner < innerChunks; inner++) {
                    if (!index.isEmpty(inner)) {
                        addInner(frames, config, Integer.parseInt(shard.group(1)), inner, zChunks);
                    }
                }
            } else if (journal.matches()) {
                ByteBuffer records = ByteBuffer.wrap(Files.readAllBytes(dataset.resolve(key)))
                        .order(ByteOrder.LITTLE_ENDIAN);
                while (records.remaining() >= JOURNAL_RECORD) {
                    addInner(frames, config, Integer.parseInt(journal.group(1)), records.getInt(), zChunks);
                    records.position(records.position() + JOURNAL_RECORD - Integer.BYTES);
                }
            }
        }
        return frames;
    }

    /** Inner chunk {@code inner} of shard {@code shardT}, in C order over (t, z) of the shard's inner grid. */
    private static void addInner(Set<String> frames, TrialConfig config, int shardT, int inner, int zChunks) {
        addChunk(frames, config, shardT * TrialConfig.SHARD_TIME_POINTS + inner / zChunks, inner % zChunks);
    }

    private static void addChunk(Set<String> frames, TrialConfig config, int t, int zChunk) {
        for (int z = zChunk * config.chunkZ(); z < (zChunk + 1) * config.chunkZ(); z++) {
            frames.add(t + ",0," + z);
        }
    }

    private static List<String> files(Path dataset) throws IOException {
        try (Stream<Path> files = Files.walk(dataset)) {
            return files.filter(Files::isRegularFile)
                    .map(path -> dataset.relativize(path).toString().replace('\\', '/'))
                    .collect(Collectors.toList());
        }
    }
}
