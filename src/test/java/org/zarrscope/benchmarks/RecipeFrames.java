package org.zarrscope.benchmarks;

/**
 * 2048×2048 uint16 frames made by the integer-only recipe the side-by-side comparison with other
 * writers uses (eight drifting Gaussian blobs on a background of 100, Poisson-like shot noise from
 * an indexed SplitMix64; the recipe's text is in the shared peers folder, FRAMES.md). Written here
 * from that description, so Zarrscope's codec tables can be read beside the peers' numbers; frame 0
 * of seed 42 has the recipe's reference FNV-1a 64 hash, e4868d875a62ac77.
 */
final class RecipeFrames {
    static final int SIZE = 2048;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long NOISE_SALT = 0xD1B54A32D192ED03L;
    private static final int BLOBS = 8;
    private static final int BACKGROUND = 100;
    /** 37837 × 256: the noise sum's standard deviation times the square-root table's scale. */
    private static final long NOISE_DIVISOR = 9686272;
    private static final int[] SQRT = squareRoots();

    private RecipeFrames() {
    }

    /** Frame {@code f} of {@code seed} as little-endian bytes (8 MiB). */
    static byte[] frame(long seed, int f) {
        int[] lambda = new int[SIZE * SIZE];
        java.util.Arrays.fill(lambda, BACKGROUND);
        long draw = 0;
        for (int b = 0; b < BLOBS; b++) {
            int cx0 = uniform(sm64(seed, draw++), SIZE);
            int cy0 = uniform(sm64(seed, draw++), SIZE);
            int sigma = 4 + uniform(sm64(seed, draw++), 29);
            int peak = 1500 + uniform(sm64(seed, draw++), 1001);
            int vx = uniform(sm64(seed, draw++), 7) - 3;
            int vy = uniform(sm64(seed, draw++), 7) - 3;
            addBlob(lambda, Math.floorMod(cx0 + f * vx, SIZE), Math.floorMod(cy0 + f * vy, SIZE), sigma, peak);
        }
        byte[] bytes = new byte[SIZE * SIZE * 2];
        long first = (long) f * SIZE * SIZE;
        for (int i = 0; i < lambda.length; i++) {
            long r = sm64(seed ^ NOISE_SALT, first + i);
            long sum = (r & 0xFFFF) + (r >>> 16 & 0xFFFF) + (r >>> 32 & 0xFFFF) + (r >>> 48 & 0xFFFF) - 131070;
            int mean = Math.min(lambda[i], 65535);
            long pixel = mean + sum * SQRT[mean] / NOISE_DIVISOR;
            int value = (int) Math.max(0, Math.min(65535, pixel));
            bytes[2 * i] = (byte) value;
            bytes[2 * i + 1] = (byte) (value >>> 8);
        }
        return bytes;
    }

    private static void addBlob(int[] lambda, int cx, int cy, int sigma, int peak) {
        int radius = 4 * sigma;
        long[] profile = new long[radius + 1];
        for (int d = 0; d <= radius; d++) {
            long x = (long) d * d * 65536 / (2L * sigma * sigma);
            long v = Math.max(0, 65536 - (x >> 8));
            for (int k = 0; k < 8; k++) {
                v = (v * v + 32768) >> 16;
            }
            profile[d] = v;
        }
        for (int y = Math.max(0, cy - radius); y <= Math.min(SIZE - 1, cy + radius); y++) {
            for (int x = Math.max(0, cx - radius); x <= Math.min(SIZE - 1, cx + radius); x++) {
                lambda[y * SIZE + x] += (int) ((peak * profile[Math.abs(y - cy)] * profile[Math.abs(x - cx)]) >> 32);
            }
        }
    }

    private static int[] squareRoots() {
        int[] roots = new int[65536];
        for (int l = 0; l < roots.length; l++) {
            long square = (long) l << 16;
            long root = (long) Math.sqrt((double) square);
            while (root * root > square) {
                root--;
            }
            while ((root + 1) * (root + 1) <= square) {
                root++;
            }
            roots[l] = (int) root;
        }
        return roots;
    }

    private static long sm64(long seed, long k) {
        long z = seed + (k + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int uniform(long r, int n) {
        return (int) (((r >>> 32) * n) >>> 32);
    }

    /** FNV-1a 64 of the bytes, as the recipe's reference hashes are computed. */
    static long fnv1a64(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
