package org.zarrscope.zarr;

/**
 * The store keys of chunks, one rule per format, shared by the writers and the reader so that
 * both always name a chunk alike.
 */
final class ChunkKeys {
    private ChunkKeys() {
    }

    /** Zarr v2 with the {@code /} dimension separator: {@code <array>/t/c/z/y/x}. */
    static String v2(String arrayPath, int[] index) {
        StringBuilder key = new StringBuilder(arrayPath);
        for (int i : index) {
            key.append('/').append(i);
        }
        return key.toString();
    }

    /** Zarr v3's default chunk key encoding with {@code /}: {@code <array>/c/t/c/z/y/x}, of a chunk or a shard. */
    static String v3(String arrayPath, int[] index) {
        return v2(arrayPath + "/c", index);
    }
}
