package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.store.Store;

/**
 * Reads a 5-D Zarr v2 array {@code (t, c, z, y, x)} with nested chunk keys, as Zarrscope writes
 * it: chunk by chunk or plane by plane, missing chunks as the fill value 0. Not thread-safe
 * (it keeps one codec context).
 */
public final class ZarrV2Reader {
    private final Store store;
    private final String path;
    private final int[] shape;
    private final int[] chunks;
    private final String dtype;
    private final int bytesPerSample;
    private final Codec codec;

    private ZarrV2Reader(Store store, String path, ObjectNode zarray) {
        this.store = store;
        this.path = path;
        this.shape = ints(zarray.get("shape"));
        this.chunks = ints(zarray.get("chunks"));
        this.dtype = zarray.get("dtype").asText();
        this.bytesPerSample = Integer.parseInt(dtype.substring(2));
        if (shape.length != 5 || !"/".equals(zarray.path("dimension_separator").asText("."))) {
            throw new IllegalArgumentException(path + " is not a 5-D array with '/' chunk keys");
        }
        this.codec = CodecSpec.fromZarrV2(zarray.get("compressor")).newCodec(bytesPerSample);
    }

    /** Opens the array at {@code path} (e.g. {@code 0}) of a dataset. */
    public static ZarrV2Reader open(Store store, String path) throws IOException {
        ObjectNode zarray = ZarrJson.read(store, path + "/.zarray");
        if (zarray == null) {
            throw new IOException("no Zarr array at " + path + " in " + store.describe());
        }
        return new ZarrV2Reader(store, path, zarray);
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    public int[] shape() { return shape.clone(); }

    public int[] chunks() { return chunks.clone(); }

    /** The Zarr dtype, e.g. {@code <u2}. */
    public String dtype() { return dtype; }

    /**
     * A whole decompressed chunk (little-endian, C order), or {@code null} if it was never written.
     */
    public ByteBuffer readChunk(int t, int c, int z, int y, int x) throws IOException {
        String key = path + "/" + t + "/" + c + "/" + z + "/" + y + "/" + x;
        ByteBuffer stored = store.get(key);
        if (stored == null) {
            return null;
        }
        int rawBytes = bytesPerSample;
        for (int extent : chunks) {
            rawBytes *= extent;
        }
        ByteBuffer raw = ByteBuffer.allocate(rawBytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            codec.decompress(stored, raw);
        } catch (RuntimeException e) {
            throw new IOException("chunk " + key + " of " + store.describe() + " is corrupt: " + e.getMessage(), e);
        }
        raw.flip();
        return raw;
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
