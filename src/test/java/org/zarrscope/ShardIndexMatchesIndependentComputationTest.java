package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedAcquisition;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.testing.ShardTail;

/**
 * Every shard file of a small sharded dataset is taken apart here by hand, without
 * {@code ShardIndex} or any reader of Zarrscope's, following the {@code sharding_indexed} spec: the
 * last {@code 16 × inner chunks + 4} bytes are little-endian {@code uint64 (offset, nbytes)} pairs
 * in C order over the shard's inner chunk grid, then the little-endian CRC32C of those pairs.
 *
 * <p>The acquisition ({@code T=4, C=2, Z=4, 48×40} uint16, chunks {@code 1,1,2,16,16} in shards of
 * {@code 2,1,4,32,32}: 2×1×2×2×2 = 16 inner chunks per shard, edge shards along y and x) is stopped
 * early after 17 frames in order {@code tczyx}, so that what the index must say is known:
 * <ul>
 *   <li>the shards of t 2..3, channel 0 hold only the inner chunks of t 2, z 0..1 (one plane of two
 *       filled, the other the fill value); their other inner chunks were never written and must be
 *       empty, {@code (2^64−1, 2^64−1)};</li>
 *   <li>the shards of t 2..3, channel 1 received no frame at all and must not exist;</li>
 *   <li>inner chunks past the array's edge (the second inner row of the last y shard, the second
 *       inner column of the last x shard) are empty.</li>
 * </ul>
 * The index's CRC32C is recomputed with {@link java.util.zip.CRC32C}. Each non-empty range must
 * lie inside the file before the index, ranges must neither overlap nor leave gaps (chunks are
 * appended), the index must start right after the last chunk byte, no temporary or journal file may
 * be left, and every inner chunk, decompressed from its range (gzip with {@link GZIPInputStream},
 * uncompressed as is, the others with the dataset's codec), must hold the camera's pixels, or the
 * fill value for planes never acquired.
 */
class ShardIndexMatchesIndependentComputationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 40;
    private static final int HEIGHT = 48;
    private static final int T = 4;
    private static final int C = 2;
    private static final int Z = 4;
    private static final int[] CHUNK = {1, 1, 2, 16, 16};
    private static final int[] SHARD = {2, 1, 4, 32, 32};
    private static final int STOP_AFTER = 17;
    private static final long SEED = 77;
    private static final long EMPTY = ShardTail.EMPTY;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "codec {0}")
    @ValueSource(strings = {"gzip", "zstd", "blosc-lz4", "none"})
    void everyShardIndexMatchesWhatWasWritten(String codecName) throws Exception {
        Path dataset = temp.resolve(codecName + ".ome.zarr");
        CodecSpec codec = CodecSpec.parse(codecName, null, null);
        WriterSettings settings = WriterSettings.builder().output(dataset).format(ZarrFormat.V3)
                .timePoints(T).channels(C).zSlices(Z).frameSize(WIDTH, HEIGHT).pixelType(PixelType.UINT16)
                .chunkShape(CHUNK[0], CHUNK[1], CHUNK[2], CHUNK[3], CHUNK[4])
                .shardShape(SHARD[0], SHARD[1], SHARD[2], SHARD[3], SHARD[4])
                .codec(codec).order(AcquisitionOrder.parse("tczyx")).writerThreads(2).memoryBudgetBytes(8L << 20)
                .build();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            long written = new SimulatedAcquisition(settings, SEED, T, 0).run(writer, STOP_AFTER, n -> { });
            assertEquals(STOP_AFTER, written);
            writer.abort();
        }
        checkArrayMetadata(dataset);

        // frames acquired, enumerated independently of the writer: t outermost, then c, then z
        Set<String> acquired = new HashSet<>();
        for (int t = 0, n = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                for (int z = 0; z < Z; z++, n++) {
                    if (n < STOP_AFTER) {
                        acquired.add(t + "," + c + "," + z);
                    }
                }
            }
        }
        assertTrue(acquired.contains("2,0,0") && !acquired.contains("2,0,1") && !acquired.contains("2,1,0"),
                "the early stop is where this test expects it: " + new TreeSet<>(acquired));

        int[] size = {T, C, Z, HEIGHT, WIDTH};
        int[] chunksAlong = new int[5];
        int[] shardsAlong = new int[5];
        int[] perShard = new int[5];
        int innerPerShard = 1;
        for (int d = 0; d < 5; d++) {
            chunksAlong[d] = (size[d] + CHUNK[d] - 1) / CHUNK[d];
            shardsAlong[d] = (size[d] + SHARD[d] - 1) / SHARD[d];
            perShard[d] = SHARD[d] / CHUNK[d];
            innerPerShard *= perShard[d];
        }
        assertEquals(16, innerPerShard);
        int indexBytes = innerPerShard * 16 + 4;

        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, SEED);
        List<String> problems = new ArrayList<>();
        Set<String> expectedShardFiles = new TreeSet<>();
        int shardsWithoutData = 0;
        int emptyEntriesChecked = 0;
        int chunksCompared = 0;
        for (int[] shard : grid(shardsAlong)) {
            String key = "0/c/" + Arrays.stream(shard).mapToObj(String::valueOf).collect(Collectors.joining("/"));
            Path file = dataset.resolve(key);
            // which inner chunks received at least one frame, in C order over the inner grid
            boolean[] expectData = new boolean[innerPerShard];
            int[][] chunkOf = new int[innerPerShard][];
            boolean any = false;
            for (int[] inner : grid(perShard)) {
                int position = 0;
                int[] chunk = new int[5];
                for (int d = 0; d < 5; d++) {
                    position = position * perShard[d] + inner[d];
                    chunk[d] = shard[d] * perShard[d] + inner[d];
                }
                chunkOf[position] = chunk;
                boolean inside = true;
                for (int d = 0; d < 5; d++) {
                    inside &= chunk[d] < chunksAlong[d];
                }
                if (inside) {
                    for (int t = chunk[0] * CHUNK[0]; t < Math.min(T, (chunk[0] + 1) * CHUNK[0]); t++) {
                        for (int c = chunk[1] * CHUNK[1]; c < Math.min(C, (chunk[1] + 1) * CHUNK[1]); c++) {
                            for (int z = chunk[2] * CHUNK[2]; z < Math.min(Z, (chunk[2] + 1) * CHUNK[2]); z++) {
                                expectData[position] |= acquired.contains(t + "," + c + "," + z);
                            }
                        }
                    }
                }
                any |= expectData[position];
            }
            if (!any) {
                shardsWithoutData++;
                if (Files.exists(file)) {
                    problems.add(key + ": received no frame, yet the shard exists (" + Files.size(file) + " bytes)");
                }
                continue;
            }
            expectedShardFiles.add(key);
            if (!Files.isRegularFile(file)) {
                problems.add(key + ": holds written chunks but does not exist");
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < indexBytes) {
                problems.add(key + ": " + bytes.length + " bytes cannot hold an index of " + indexBytes);
                continue;
            }
            ShardTail tail = ShardTail.parse(bytes, innerPerShard);
            long indexStart = tail.indexStart(); // the tail's own place; the chunks must end exactly there (below)
            if (!tail.crcMatches()) {
                problems.add(key + ": index CRC32C stored 0x" + Long.toHexString(tail.storedCrc()) + ", computed 0x"
                        + Long.toHexString(tail.computedCrc()));
            }
            TreeMap<Long, Long> ranges = new TreeMap<>(Long::compareUnsigned);
            long lastByte = 0;
            for (int position = 0; position < innerPerShard; position++) {
                long offset = tail.offset(position);
                long nbytes = tail.length(position);
                String where = key + " inner chunk " + position + " " + Arrays.toString(chunkOf[position]);
                if (!expectData[position]) {
                    emptyEntriesChecked++;
                    if (offset != EMPTY || nbytes != EMPTY) {
                        problems.add(where + ": never written, so (2^64-1, 2^64-1) expected, found ("
                                + Long.toUnsignedString(offset) + ", " + Long.toUnsignedString(nbytes) + ")");
                    }
                    continue;
                }
                if (offset == EMPTY || nbytes == EMPTY) {
                    problems.add(where + ": written, but its entry is (" + Long.toUnsignedString(offset) + ", "
                            + Long.toUnsignedString(nbytes) + ")");
                    continue;
                }
                if (offset < 0 || nbytes <= 0 || offset + nbytes > indexStart) {
                    problems.add(where + ": range (" + Long.toUnsignedString(offset) + ", "
                            + Long.toUnsignedString(nbytes) + ") is not inside the " + indexStart
                            + " bytes before the index");
                    continue;
                }
                if (ranges.put(offset, nbytes) != null) {
                    problems.add(where + ": a second chunk starts at offset " + offset);
                }
                lastByte = Math.max(lastByte, offset + nbytes);
                ByteBuffer raw;
                try {
                    raw = decode(codec, bytes, (int) offset, (int) nbytes);
                } catch (IOException | RuntimeException | AssertionError e) {
                    problems.add(where + ": bytes " + offset + " to " + (offset + nbytes) + " do not decode: " + e);
                    continue;
                }
                chunksCompared++;
                String pixels = comparePixels(camera, acquired, chunkOf[position], raw);
                if (pixels != null) {
                    problems.add(where + ": " + pixels);
                }
            }
            long previousEnd = 0;
            for (Map.Entry<Long, Long> range : ranges.entrySet()) {
                if (range.getKey() < previousEnd) {
                    problems.add(key + ": the chunk at " + range.getKey() + " overlaps the one ending at " + previousEnd);
                } else if (range.getKey() > previousEnd) {
                    problems.add(key + ": bytes " + previousEnd + " to " + range.getKey()
                            + " belong to no chunk (chunks are appended, so none should be lost between them)");
                }
                previousEnd = Math.max(previousEnd, range.getKey() + range.getValue());
            }
            if (lastByte != indexStart) {
                problems.add(key + ": the index starts at " + indexStart + ", the last chunk byte ends at " + lastByte);
            }
        }

        if (!problems.isEmpty()) {
            fail(problems.size() + " problems in the shards of " + dataset + ":\n  "
                    + problems.stream().limit(20).collect(Collectors.joining("\n  ")));
        }
        assertEquals(4, shardsWithoutData, "shards of t 2..3, channel 1 (2 along y × 2 along x) got no frame");
        assertTrue(emptyEntriesChecked >= 4 * 12, "empty index entries checked: " + emptyEntriesChecked);
        Set<String> onDisk = new TreeSet<>();
        List<String> leftovers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataset.resolve("0"))) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String key = dataset.relativize(path).toString().replace('\\', '/');
                if (key.startsWith("0/c/") && !path.getFileName().toString().startsWith(".")) {
                    onDisk.add(key);
                } else if (!key.equals("0/zarr.json")) {
                    leftovers.add(key);
                }
            }
        }
        assertEquals(List.of(), leftovers, "files in the array folder besides zarr.json and shards (temporary files, "
                + "journals)");
        assertEquals(expectedShardFiles, onDisk, "shard files on disk: exactly those that received frames");
        // every inner chunk that got a frame was compared (the non-empty ones of every existing shard)
        int expectedChunks = 0;
        for (int[] chunk : grid(chunksAlong)) {
            boolean got = false;
            for (int z = chunk[2] * CHUNK[2]; z < Math.min(Z, (chunk[2] + 1) * CHUNK[2]); z++) {
                got |= acquired.contains(chunk[0] + "," + chunk[1] + "," + z);
            }
            expectedChunks += got ? 1 : 0;
        }
        assertEquals(expectedChunks, chunksCompared, "inner chunks decompressed and compared");
    }

    /** The array metadata promises what this test parses: an index at the end, bytes + crc32c. */
    private static void checkArrayMetadata(Path dataset) throws IOException {
        JsonNode array = JSON.readTree(dataset.resolve("0/zarr.json").toFile());
        JsonNode sharding = array.get("codecs").get(0);
        assertEquals("sharding_indexed", sharding.path("name").asText());
        JsonNode configuration = sharding.get("configuration");
        assertEquals("end", configuration.path("index_location").asText("end"));
        JsonNode indexCodecs = configuration.get("index_codecs");
        assertEquals(2, indexCodecs.size(), "index codecs " + indexCodecs);
        assertEquals("bytes", indexCodecs.get(0).path("name").asText());
        assertEquals("little", indexCodecs.get(0).path("configuration").path("endian").asText());
        assertEquals("crc32c", indexCodecs.get(1).path("name").asText());
        int[] inner = new int[5];
        int[] outer = new int[5];
        for (int d = 0; d < 5; d++) {
            inner[d] = configuration.get("chunk_shape").get(d).asInt();
            outer[d] = array.get("chunk_grid").get("configuration").get("chunk_shape").get(d).asInt();
        }
        assertArrayEquals(CHUNK, inner, "inner chunk shape");
        assertArrayEquals(SHARD, outer, "shard shape");
    }

    /** Every index vector of a grid with these extents, in C order (last axis fastest). */
    private static List<int[]> grid(int[] extents) {
        List<int[]> all = new ArrayList<>();
        int[] index = new int[extents.length];
        while (true) {
            all.add(index.clone());
            int d = extents.length - 1;
            while (d >= 0 && ++index[d] == extents[d]) {
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return all;
            }
        }
    }

    private static int chunkBytes() {
        int samples = 1;
        for (int extent : CHUNK) {
            samples *= extent;
        }
        return samples * 2;
    }

    /** The raw little-endian chunk; gzip is inflated with the JDK, independently of Zarrscope's codecs. */
    private static ByteBuffer decode(CodecSpec codec, byte[] shard, int offset, int length) throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(chunkBytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (codec.name().split("-")[0]) { // the family: none, blosc, zstd, gzip
            case "none":
                assertEquals(chunkBytes(), length, "an uncompressed chunk is the chunk's bytes");
                raw.put(shard, offset, length);
                break;
            case "gzip":
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(shard, offset, length))) {
                    byte[] all = in.readAllBytes();
                    assertEquals(chunkBytes(), all.length, "inflated chunk size");
                    raw.put(all);
                }
                break;
            default:
                codec.newCodec(2).decompress(ByteBuffer.wrap(shard, offset, length).slice(), raw);
        }
        raw.flip();
        return raw;
    }

    /** Compares the array elements inside the chunk (not its padding past the edge); null when all match. */
    private static String comparePixels(SimulatedCamera camera, Set<String> acquired, int[] chunk, ByteBuffer raw) {
        int mismatches = 0;
        String first = null;
        for (int dt = 0; dt < CHUNK[0]; dt++) {
            for (int dc = 0; dc < CHUNK[1]; dc++) {
                for (int dz = 0; dz < CHUNK[2]; dz++) {
                    int t = chunk[0] * CHUNK[0] + dt;
                    int c = chunk[1] * CHUNK[1] + dc;
                    int z = chunk[2] * CHUNK[2] + dz;
                    if (t >= T || c >= C || z >= Z) {
                        continue;
                    }
                    short[] frame = acquired.contains(t + "," + c + "," + z)
                            ? (short[]) camera.frame(FrameCoordinates.of(t, c, z)) : new short[WIDTH * HEIGHT];
                    int plane = (dt * CHUNK[1] + dc) * CHUNK[2] + dz;
                    for (int dy = 0; dy < CHUNK[3]; dy++) {
                        for (int dx = 0; dx < CHUNK[4]; dx++) {
                            int y = chunk[3] * CHUNK[3] + dy;
                            int x = chunk[4] * CHUNK[4] + dx;
                            if (y >= HEIGHT || x >= WIDTH) {
                                continue;
                            }
                            int got = raw.getShort(((plane * CHUNK[3] + dy) * CHUNK[4] + dx) * 2) & 0xFFFF;
                            int expected = frame[y * WIDTH + x] & 0xFFFF;
                            if (got != expected) {
                                mismatches++;
                                if (first == null) {
                                    first = "t=" + t + " c=" + c + " z=" + z + " y=" + y + " x=" + x + ": " + got
                                            + ", expected " + expected;
                                }
                            }
                        }
                    }
                }
            }
        }
        return mismatches == 0 ? null : mismatches + " pixels differ, first " + first;
    }
}
