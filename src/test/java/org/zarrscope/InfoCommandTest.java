package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.testing.CommandRun.succeeding;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zarrscope info} tells what a dataset holds, for both formats. */
class InfoCommandTest {
    @TempDir
    Path temp;

    @Test
    void describesAShardedV3Dataset() {
        String dataset = temp.resolve("run.ome.zarr").toString();
        succeeding("simulate", "--out", dataset, "--frames", "6", "--channels", "2", "--z", "3", "--size", "64x48",
                "--interval", "2", "--pixel-size", "0.5", "--no-progress");
        String info = succeeding("info", dataset);
        assertTrue(info.contains("Zarr v3, OME-NGFF 0.5, status complete"), info);
        assertTrue(info.contains("axes t (second), c, z, y (micrometer), x (micrometer)"), info);
        assertTrue(info.contains("shape [6, 2, 3, 48, 64] uint16"), info);
        assertTrue(info.contains("in shards [6,1,3,48,64]"), info);
        assertTrue(info.contains("2 files"), info); // one shard per channel
        assertTrue(info.contains("frames: 36 recorded, elapsed 0.0 to "), info);
    }

    @Test
    void describesAV2Dataset() {
        String dataset = temp.resolve("old.ome.zarr").toString();
        succeeding("simulate", "--format", "v2", "--out", dataset, "--frames", "4", "--size", "32x32", "--codec", "zstd",
                "--no-progress");
        String info = succeeding("info", dataset);
        assertTrue(info.contains("Zarr v2, OME-NGFF 0.4, status complete"), info);
        assertTrue(info.contains("shape [4, 1, 1, 32, 32] <u2"), info);
        assertTrue(info.contains("{\"id\":\"zstd\",\"level\":3}; 4 files"), info);
    }

    @Test
    void describesEveryPositionOfAMultiPositionDataset() {
        String dataset = temp.resolve("stage.ome.zarr").toString();
        succeeding("simulate", "--out", dataset, "--positions", "3", "--frames", "2", "--size", "32x32", "--no-progress");
        String info = succeeding("info", dataset);
        assertTrue(info.contains("positions: 3 images (bioformats2raw.layout)"), info);
        for (int p = 0; p < 3; p++) {
            assertTrue(info.contains("image " + p + " Pos" + p + ": axes"), info);
            assertTrue(info.contains("array " + p + "/0: shape [2, 1, 1, 32, 32] uint16"), info);
        }
        assertTrue(info.contains("frames: 6 recorded"), info);
    }

    @Test
    void describesAPlate() {
        String dataset = temp.resolve("screen.ome.zarr").toString();
        succeeding("simulate", "--format", "v2", "--out", dataset, "--plate", "2x3", "--fields", "2", "--frames", "1",
                "--size", "16x16", "--no-progress");
        String info = succeeding("info", dataset);
        assertTrue(info.contains("Zarr v2, OME-NGFF 0.4, status complete"), info);
        assertTrue(info.contains("plate: screen, 2 rows x 3 columns, 6 wells, up to 2 fields per well"), info);
        assertTrue(info.contains("image B/3/1 B3-Site_1: axes"), info);
        assertTrue(info.contains("array B/3/1/0: shape [1, 1, 1, 16, 16] <u2"), info);
    }
}
