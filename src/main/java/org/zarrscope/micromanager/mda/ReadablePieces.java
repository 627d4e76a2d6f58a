package org.zarrscope.micromanager.mda;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.zarrscope.Axis;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;

/**
 * Turns "this store key is now readable" into "these frames have this many more pieces on disk".
 * A piece is one chunk (unsharded) or one shard (sharded) of a frame: a frame spans
 * {@link #piecesPerFrame()} of them (tiles in y and x, times 3 stored channels for RGB), and can
 * be read back once all are readable.
 *
 * <p>Chunk keys are {@code <image>/0/t/c/z/y/x} in Zarr v2 and {@code <image>/0/c/t/c/z/y/x} in
 * Zarr v3 (for shards, the indices count shards); any other key (metadata, the frame table,
 * pyramid levels) is ignored.
 */
final class ReadablePieces {
    private final AcceptedFrames frames;
    /** Set once the writer has named its arrays; keys written before (metadata at open) are no chunks. */
    private volatile Map<String, Integer> positionOfArray = Collections.emptyMap();
    private final boolean v3;
    private final int[] block;
    private final int[] arrayShape;
    private final int storedPerFrame;
    private final int piecesPerFrame;

    ReadablePieces(WriterSettings settings, AcceptedFrames frames) {
        this.frames = frames;
        this.v3 = settings.format() == ZarrFormat.V3;
        this.block = settings.isSharded() ? settings.shardShape() : settings.chunkShape();
        this.arrayShape = settings.arrayShape(Integer.MAX_VALUE);
        this.storedPerFrame = settings.pixelType().storedChannelsPerFrame();
        this.piecesPerFrame = piecesPerFrame(settings);
    }

    /** Starts watching the full-resolution array of each position, e.g. {@code 0} or {@code 1/0}. */
    void watch(String[] arrayPaths) {
        Map<String, Integer> positions = new HashMap<>();
        for (int p = 0; p < arrayPaths.length; p++) {
            positions.put(arrayPaths[p], p);
        }
        positionOfArray = positions;
    }

    /** Chunks (or shards) one frame spans. */
    static int piecesPerFrame(WriterSettings settings) {
        int[] block = settings.isSharded() ? settings.shardShape() : settings.chunkShape();
        int tilesY = (settings.height() + block[Axis.Y.dimension()] - 1) / block[Axis.Y.dimension()];
        int tilesX = (settings.width() + block[Axis.X.dimension()] - 1) / block[Axis.X.dimension()];
        return settings.pixelType().storedChannelsPerFrame() * tilesY * tilesX;
    }

    int piecesPerFrame() {
        return piecesPerFrame;
    }

    /** Called by the store after {@code key} has become readable. */
    void keyReadable(String key) {
        String[] parts = key.split("/");
        int indexAt = parts.length - 5;
        int arrayEnd = v3 ? indexAt - 1 : indexAt;
        if (arrayEnd < 1 || (v3 && !parts[arrayEnd].equals("c"))) {
            return;
        }
        Integer position = positionOfArray.get(String.join("/", Arrays.copyOfRange(parts, 0, arrayEnd)));
        int[] index = new int[5];
        for (int d = 0; d < 5; d++) {
            index[d] = parseIndex(parts[indexAt + d]);
            if (index[d] < 0) {
                return;
            }
        }
        if (position != null) {
            blockReadable(position, index);
        }
    }

    private static int parseIndex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return -1;
            }
        }
        return text.isEmpty() || text.length() > 9 ? -1 : Integer.parseInt(text);
    }

    /** Every frame the block holds gains one piece per stored channel of it inside the block. */
    private void blockReadable(int position, int[] index) {
        int[] first = new int[3];
        int[] end = new int[3];
        for (int d = 0; d < 3; d++) {
            first[d] = index[d] * block[d];
            end[d] = (int) Math.min((long) first[d] + block[d], arrayShape[d]);
        }
        for (int t = first[0]; t < end[0]; t++) {
            for (int storedChannel = first[1]; storedChannel < end[1]; storedChannel++) {
                for (int z = first[2]; z < end[2]; z++) {
                    frames.piecesReadable(FrameCoordinates.at(position, t, storedChannel / storedPerFrame, z), 1);
                }
            }
        }
    }
}
