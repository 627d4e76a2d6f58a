package org.zarrscope.zarr;

import java.util.Arrays;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.store.Store;

/**
 * Reads a 5-D array {@code (t, c, z, y, x)} as Zarrscope writes it, in Zarr v2 (nested keys) or
 * Zarr v3 (default keys, sharded or not): chunk by chunk or plane by plane, missing chunks as
 * the fill value 0. Not thread-safe (it keeps one codec context).
 */
public final class ZarrReader {
    private final Store store;
    private final String path;
    private final boolean v3;
    private final int[] shape;
    private final int[] chunks;
    private final int[] chunksPerShard;
    private final String dtype;
    private final int bytesPerSample;
    private final Codec codec;
    private final boolean uncompressed;
    private String cachedShardKey;
    private ShardIndex cachedIndex;
    /** Where a shard's chunk is read for a codec that reads direct memory; as large as the largest chunk read. */
    private ByteBuffer compressedChunk = ByteBuffer.allocateDirect(0);

    private ZarrReader(Store store, String path, boolean v3, int[] shape, int[] chunks, int[] shard, String dtype,
                       int bytesPerSample, CodecSpec codec) {
        this.store = store;
        this.path = path;
        this.v3 = v3;
        this.shape = shape;
        this.chunks = chunks;
        this.dtype = dtype;
        this.bytesPerSample = bytesPerSample;
        if (shard == null) {
            this.chunksPerShard = null;
        } else {
            this.chunksPerShard = new int[5];
            for (int d = 0; d < 5; d++) {
                chunksPerShard[d] = shard[d] / chunks[d];
            }
        }
        this.codec = codec.newCodec(bytesPerSample);
        this.uncompressed = !codec.compresses();
    }

    /** Opens the array at {@code path} (e.g. {@code 0}) of a dataset, v2 or v3. */
    public static ZarrReader open(Store store, String path) throws IOException {
        ObjectNode zarray = ZarrJson.read(store, path + "/.zarray");
        if (zarray != null) {
            String dtype = zarray.get("dtype").asText();
            if (!"/".equals(zarray.path("dimension_separator").asText("."))) {
                throw new IOException(path + " in " + store.describe() + " does not use '/' chunk keys");
            }
            return new ZarrReader(store, path, false, ints(zarray.get("shape")), ints(zarray.get("chunks")), null, dtype,
                    Integer.parseInt(dtype.substring(2)), CodecSpec.fromZarrV2(zarray.get("compressor")));
        }
        ObjectNode array = ZarrJson.read(store, path + "/zarr.json");
        if (array == null) {
            throw new IOException("no Zarr array at " + path + " in " + store.describe());
        }
        String dataType = array.get("data_type").asText();
        int[] gridShape = ints(array.path("chunk_grid").path("configuration").path("chunk_shape"));
        JsonNode codecs = array.get("codecs");
        JsonNode first = codecs.get(0);
        if ("sharding_indexed".equals(first.path("name").asText())) {
            JsonNode configuration = first.get("configuration");
            return new ZarrReader(store, path, true, ints(array.get("shape")), ints(configuration.get("chunk_shape")),
                    gridShape, dataType, bytesOf(dataType), CodecSpec.fromZarrV3(configuration.get("codecs")));
        }
        return new ZarrReader(store, path, true, ints(array.get("shape")), gridShape, null, dataType, bytesOf(dataType),
                CodecSpec.fromZarrV3(codecs));
    }

    private static int bytesOf(String dataType) {
        switch (dataType) {
            case "uint8": return 1;
            case "uint16": return 2;
            case "uint32":
            case "float32": return 4;
            default: throw new IllegalArgumentException("unsupported data type " + dataType);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    public int[] shape() { return shape.clone(); }

    /** Bytes of one sample. */
    public int bytesPerSample() { return bytesPerSample; }

    /** The (inner) chunk shape. */
    public int[] chunks() { return chunks.clone(); }

    /** The data type as the format names it, e.g. {@code <u2} (v2) or {@code uint16} (v3). */
    public String dtype() { return dtype; }

    /**
     * A whole decompressed chunk (little-endian, C order), or {@code null} if it was never written.
     */
    public ByteBuffer readChunk(int t, int c, int z, int y, int x) throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(chunkBytes()).order(ByteOrder.LITTLE_ENDIAN);
        return readChunk(t, c, z, y, x, raw) ? raw : null;
    }

    /**
     * Decompresses a whole chunk into the first {@link #chunkBytes()} bytes of {@code target}
     * (from index 0; its position and limit are not used or moved), so a caller reading many
     * chunks reuses one buffer.
     *
     * @return false if the chunk was never written ({@code target} is left as it was)
     */
    public boolean readChunk(int t, int c, int z, int y, int x, ByteBuffer target) throws IOException {
        int[] index = {t, c, z, y, x};
        ByteBuffer raw = target.duplicate();
        raw.clear().limit(chunkBytes());
        if (uncompressed && chunksPerShard != null) {
            return readUncompressedFromShard(index, raw);
        }
        ByteBuffer stored = chunksPerShard == null ? store.get(chunkKey(index)) : fromShard(index);
        if (stored == null) {
            return false;
        }
        try {
            codec.decompress(stored, raw);
        } catch (RuntimeException e) {
            throw new IOException("chunk " + Arrays.toString(index) + " of " + path + " in "
                    + store.describe() + " is corrupt: " + e.getMessage(), e);
        }
        return true;
    }

    /** Bytes of one whole (inner) chunk, decompressed. */
    public int chunkBytes() {
        int bytes = bytesPerSample;
        for (int extent : chunks) {
            bytes *= extent;
        }
        return bytes;
    }

    /**
     * Chunks held by the stored object {@code key} of this array (a key as the store lists it): 1
     * for a chunk file, the filled entries of the index for a shard, which holds only the chunks
     * written before it was closed.
     */
    public int chunksIn(String key) throws IOException {
        if (chunksPerShard == null) {
            return 1;
        }
        if (!readShardIndex(key)) {
            return 0;
        }
        int filled = 0;
        for (int inner = 0; inner < cachedIndex.size(); inner++) {
            if (cachedIndex.offset(inner) != ShardIndex.EMPTY) {
                filled++;
            }
        }
        return filled;
    }

    private String chunkKey(int[] index) {
        if (v3) {
            return ChunkKeys.v3(path, index);
        }
        return ChunkKeys.v2(path, index);
    }

    /**
     * An uncompressed inner chunk is its raw bytes: read straight into {@code raw}, without a
     * buffer of its own and a copy (reading is most of the cost of an uncompressed pyramid).
     */
    private boolean readUncompressedFromShard(int[] chunkIndex, ByteBuffer raw) throws IOException {
        String key = shardKey(chunkIndex);
        int inner = innerChunk(chunkIndex);
        if (!readShardIndex(key) || cachedIndex.offset(inner) == ShardIndex.EMPTY) {
            return false;
        }
        if (cachedIndex.length(inner) != raw.remaining()) {
            throw new IOException("chunk " + Arrays.toString(chunkIndex) + " of " + path + " in " + store.describe()
                    + " is corrupt: an uncompressed chunk of " + cachedIndex.length(inner) + " bytes, expected "
                    + raw.remaining());
        }
        if (!store.readRange(key, cachedIndex.offset(inner), raw)) {
            throw new IOException("shard " + key + " of " + store.describe() + " disappeared while it was read");
        }
        return true;
    }

    /**
     * Reads one inner chunk's bytes of its shard: the shard's index (kept for the next chunks of
     * the same shard), then only the chunk's byte range, so a reader never holds a whole shard.
     */
    private ByteBuffer fromShard(int[] chunkIndex) throws IOException {
        String key = shardKey(chunkIndex);
        int inner = innerChunk(chunkIndex);
        if (!readShardIndex(key) || cachedIndex.offset(inner) == ShardIndex.EMPTY) {
            return null;
        }
        long offset = cachedIndex.offset(inner);
        int length = (int) cachedIndex.length(inner);
        if (codec.readsWholeArrays()) {
            return store.getRange(key, offset, length);
        }
        // a codec that reads direct memory in place (the installed c-blosc) gets the chunk there,
        // read from the file without passing through the heap
        if (compressedChunk.capacity() < length) {
            compressedChunk = ByteBuffer.allocateDirect(length);
        }
        compressedChunk.clear().limit(length);
        if (!store.readRange(key, offset, compressedChunk)) {
            throw new IOException("shard " + key + " of " + store.describe() + " disappeared while it was read");
        }
        return compressedChunk.flip();
    }

    private String shardKey(int[] chunkIndex) {
        int[] shardIndex = new int[5];
        for (int d = 0; d < 5; d++) {
            shardIndex[d] = chunkIndex[d] / chunksPerShard[d];
        }
        return ChunkKeys.v3(path, shardIndex);
    }

    /** The chunk's place in its shard's index (C order). */
    private int innerChunk(int[] chunkIndex) {
        int inner = 0;
        for (int d = 0; d < 5; d++) {
            inner = inner * chunksPerShard[d] + chunkIndex[d] % chunksPerShard[d];
        }
        return inner;
    }

    /** Reads and keeps the index of shard {@code key}, unless it is the one kept; false if the shard does not exist. */
    private boolean readShardIndex(String key) throws IOException {
        if (key.equals(cachedShardKey)) {
            return true;
        }
        int innerChunks = 1;
        for (int d = 0; d < 5; d++) {
            innerChunks *= chunksPerShard[d];
        }
        // A shard never changes once it exists (it appears whole, by rename), but a missing one
        // may appear: only an index that was read is kept.
        ByteBuffer encodedIndex = store.getTail(key, ShardIndex.encodedLength(innerChunks));
        if (encodedIndex == null) {
            return false;
        }
        try {
            cachedIndex = ShardIndex.decode(encodedIndex, innerChunks);
        } catch (IllegalArgumentException e) {
            throw new IOException("shard " + key + " of " + store.describe() + ": " + e.getMessage(), e);
        }
        cachedShardKey = key;
        return true;
    }

    /** One plane {@code (y, x)} as little-endian bytes, assembled from its chunks. */
    public ByteBuffer readPlane(int t, int c, int z) throws IOException {
        int height = shape[3];
        int width = shape[4];
        ByteBuffer plane = ByteBuffer.allocate(height * width * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        int planeInChunk = ((t % chunks[0]) * chunks[1] + c % chunks[1]) * chunks[2] + z % chunks[2];
        for (int tileY = 0; tileY * chunks[3] < height; tileY++) {
            for (int tileX = 0; tileX * chunks[4] < width; tileX++) {
                ByteBuffer chunk = readChunk(t / chunks[0], c / chunks[1], z / chunks[2], tileY, tileX);
                if (chunk == null) {
                    continue;
                }
                int rows = Math.min(chunks[3], height - tileY * chunks[3]);
                int rowBytes = Math.min(chunks[4], width - tileX * chunks[4]) * bytesPerSample;
                for (int row = 0; row < rows; row++) {
                    int source = (planeInChunk * chunks[3] + row) * chunks[4] * bytesPerSample;
                    int target = ((tileY * chunks[3] + row) * width + tileX * chunks[4]) * bytesPerSample;
                    chunk.limit(source + rowBytes).position(source);
                    plane.position(target);
                    plane.put(chunk);
                    chunk.clear();
                }
            }
        }
        plane.clear();
        return plane;
    }
}
