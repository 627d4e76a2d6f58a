package org.zarrscope;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.zarrscope.zarr.ArrayLayout;

/**
 * The range checks {@link WriterSettings.Builder#build()} makes, each refusal a
 * {@link SettingsException} naming the field and the allowed values: of single numbers, and of
 * the chunk and shard shapes against the array they cut. What depends on the plan (the memory
 * budget, shards filled at once) is checked by {@link WriterSettings#plan()}.
 */
final class SettingsValidation {
    private SettingsValidation() {
    }

    static void positive(String field, int value) {
        if (value < 1) {
            throw new SettingsException(field, value + " is not allowed; give 1 or more");
        }
    }

    static void within(String field, int value, int min, int max, String allowed) {
        if (value < min || value > max) {
            throw new SettingsException(field, value + " is out of range; allowed: " + allowed);
        }
    }

    /** At least one stage position, each with a name of its own. */
    static void checkPositions(List<StagePosition> positions) {
        if (positions.isEmpty()) {
            throw new SettingsException("positions", "give at least one stage position, or leave positions unset");
        }
        List<String> names = DefaultNames.of(positions);
        if (new HashSet<>(names).size() != positions.size()) {
            throw new SettingsException("positions", "position names must be unique: " + names);
        }
    }

    /** At most 2^31 frames, the frame ledger's range. */
    static void checkFrameCount(int timePoints, int channels, int zSlices, int positions) {
        if ((long) Math.max(timePoints, 1) * channels * zSlices * positions > Integer.MAX_VALUE) {
            throw new SettingsException(positions > 1 ? "positions" : "timePoints", positions + " positions x "
                    + timePoints + " time points x " + channels + " channels x " + zSlices
                    + " z slices is more than 2^31 frames; split the acquisition");
        }
    }

    static void optionalPositive(String field, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new SettingsException(field, value + " is not allowed; give a positive number or leave it unset");
        }
    }

    /** Each chunk extent within the array (any along a growing time axis), a chunk of at most 2 GiB. */
    static void checkChunks(ArrayLayout array) {
        int[] sizes = array.arrayShape(1);
        for (Axis axis : Axis.values()) {
            int extent = array.chunk(axis);
            boolean growing = axis == Axis.TIME && array.isTimeUnbounded();
            if (extent < 1 || (!growing && extent > sizes[axis.dimension()])) {
                throw new SettingsException("chunk." + axis.letter(), extent + " is out of range; allowed: 1 to "
                        + (growing ? "any" : String.valueOf(sizes[axis.dimension()])) + " (the array's "
                        + axis.letter() + " size)");
            }
        }
        if (array.chunkBytes() > Integer.MAX_VALUE - 64) {
            throw new SettingsException("chunk", "a chunk of " + Arrays.toString(array.chunkShape()) + " holds "
                    + array.chunkBytes() + " bytes; at most 2 GiB is allowed, use smaller chunks");
        }
    }

    /** Shards the user gave: Zarr v3 only, whole chunks, no larger than the array needs. */
    static void checkShards(ArrayLayout array, ZarrFormat format) {
        if (!array.isSharded()) {
            return;
        }
        if (format != ZarrFormat.V3) {
            throw new SettingsException("shard", "sharding needs format v3; Zarr v2 has no shards");
        }
        int[] sizes = array.arrayShape(1);
        int[] shards = array.shardShape();
        for (Axis axis : Axis.values()) {
            int shard = shards[axis.dimension()];
            int chunk = array.chunk(axis);
            if (shard < chunk || shard % chunk != 0) {
                throw new SettingsException("shard." + axis.letter(), shard + " is not allowed; a shard holds whole chunks: "
                        + "give a multiple of the chunk's " + chunk);
            }
            boolean growing = axis == Axis.TIME && array.isTimeUnbounded();
            int covering = (sizes[axis.dimension()] + chunk - 1) / chunk * chunk;
            if (!growing && shard > covering) {
                throw new SettingsException("shard." + axis.letter(), shard + " is larger than the array's "
                        + axis.letter() + " size " + sizes[axis.dimension()] + " needs; allowed: up to " + covering);
            }
        }
    }
}
