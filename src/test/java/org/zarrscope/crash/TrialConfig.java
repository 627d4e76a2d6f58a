package org.zarrscope.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One writer configuration the campaign kills: Zarr v2 or v3, chunks of one plane
 * ({@code 1,1,1,Y,X}) or of a whole z stack ({@code 1,1,Z,Y,X}), streaming pyramid on or off. The
 * frames are small (128×128 uint16, 4 z, 150 time points: 600 frames) so that a complete run takes
 * about three seconds on two cores and a kill can land anywhere in it. Every chunk covers whole
 * planes, so a plane is either entirely in one chunk or not on disk at all.
 */
final class TrialConfig {
    static final int SIZE = 128;
    static final int Z = 4;
    static final int TIME_POINTS = 150;
    /** v3 shards hold this many time points, so a killed run leaves complete shards and ones still filling. */
    static final int SHARD_TIME_POINTS = 4;
    /** Pyramid levels beyond full resolution when the pyramid streams. */
    static final int LEVELS = 2;

    final boolean v3;
    final boolean stackChunks;
    final boolean streamingPyramid;

    TrialConfig(boolean v3, boolean stackChunks, boolean streamingPyramid) {
        this.v3 = v3;
        this.stackChunks = stackChunks;
        this.streamingPyramid = streamingPyramid;
    }

    /** Draws each of the three choices with even odds. */
    static TrialConfig random(Random random) {
        return new TrialConfig(random.nextBoolean(), random.nextBoolean(), random.nextBoolean());
    }

    /** Z slices per chunk. */
    int chunkZ() {
        return stackChunks ? Z : 1;
    }

    /** The {@code zarrscope simulate} arguments of a complete run of this configuration into {@code dataset}. */
    String[] simulateArgs(Path dataset, long seed) {
        String chunk = "1,1," + chunkZ() + "," + SIZE + "," + SIZE;
        List<String> args = new ArrayList<>(Arrays.asList("simulate", "--out", dataset.toString(),
                "--format", v3 ? "v3" : "v2", "--frames", String.valueOf(TIME_POINTS), "--z", String.valueOf(Z),
                "--size", SIZE + "x" + SIZE, "--chunk", chunk, "--codec", "blosc-lz4", "--no-progress",
                "--seed", String.valueOf(seed), "--pyramid", streamingPyramid ? "streaming" : "none"));
        if (streamingPyramid) {
            args.addAll(Arrays.asList("--levels", String.valueOf(LEVELS)));
        }
        if (v3) {
            args.addAll(Arrays.asList("--shard", SHARD_TIME_POINTS + ",1," + Z + "," + SIZE + "," + SIZE));
        }
        return args.toArray(new String[0]);
    }

    /** The file that makes the dataset folder a Zarr group, to readers and to {@code recover}. */
    Path rootGroup(Path dataset) {
        return dataset.resolve(v3 ? "zarr.json" : ".zgroup");
    }

    /** The file holding the root group's attributes, multiscales among them. */
    Path rootAttributes(Path dataset) {
        return dataset.resolve(v3 ? "zarr.json" : ".zattrs");
    }

    /** A short name for reports, e.g. {@code v3 stack-chunks pyramid}. */
    String name() {
        return (v3 ? "v3" : "v2") + (stackChunks ? " stack-chunks" : " plane-chunks")
                + (streamingPyramid ? " pyramid" : " no-pyramid");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrialConfig && name().equals(((TrialConfig) other).name());
    }

    @Override
    public int hashCode() {
        return name().hashCode();
    }
}
