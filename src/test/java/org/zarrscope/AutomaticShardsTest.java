package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** {@code --shard auto} picks whole planes and stacks and about 256 MiB of time points per shard. */
class AutomaticShardsTest {
    private static WriterSettings.Builder camera(int timePoints) {
        return WriterSettings.builder().output(Paths.get("unused.ome.zarr")).format(ZarrFormat.V3)
                .timePoints(timePoints).frameSize(2048, 2048).pixelType(PixelType.UINT16);
    }

    @Test
    void aFastPlaneStreamGets32FramesOfWholePlanesPerShard() {
        WriterSettings settings = camera(1000).chunkShape(1, 1, 1, 256, 256).build();
        assertArrayEquals(new int[] {32, 1, 1, 2048, 2048}, settings.shardShape());
    }

    @Test
    void aShortRunIsOneShardAlongTimeAndEdgesAreRoundedToWholeChunks() {
        WriterSettings settings = camera(5).frameSize(1000, 600).chunkShape(1, 1, 1, 256, 256).build();
        assertArrayEquals(new int[] {5, 1, 1, 768, 1024}, settings.shardShape());
    }

    @Test
    void zStacksStayWholeAndTimeShrinksToKeepTheShardSize() {
        WriterSettings settings = camera(WriterSettings.UNBOUNDED).channels(3).zSlices(16).chunkShape(1, 1, 16, 512, 512)
                .build();
        assertArrayEquals(new int[] {2, 1, 16, 2048, 2048}, settings.shardShape());
    }

    @Test
    void aSlowTimeLapseKeepsEachShardWithinAMinuteSoItBecomesVisibleSoon() {
        WriterSettings settings = camera(1000).intervalSeconds(5.0).chunkShape(1, 1, 1, 2048, 2048).build();
        assertArrayEquals(new int[] {12, 1, 1, 2048, 2048}, settings.shardShape());
        WriterSettings hourly = camera(24).intervalSeconds(3600.0).chunkShape(1, 1, 1, 2048, 2048).build();
        assertArrayEquals(new int[] {1, 1, 1, 2048, 2048}, hourly.shardShape());
    }

    @Test
    void anOpenEndedTimeAxisInsideZKeepsShardsToOneChunkAlongZ() {
        WriterSettings settings = camera(WriterSettings.UNBOUNDED).zSlices(4).order(AcquisitionOrder.parse("zctyx"))
                .build();
        assertArrayEquals(new int[] {1, 1, 1, 2048, 2048}, settings.shardShape());
    }

    @Test
    void stacksAcquiredOutermostAreNotSpannedByOneShard() {
        WriterSettings settings = camera(300).zSlices(4).order(AcquisitionOrder.parse("zctyx")).build();
        assertArrayEquals(new int[] {1, 1, 1, 2048, 2048}, settings.shardShape());
    }

    @Test
    void timeInsideOtherAxesGetsOneChunkPerShardAlongTime() {
        WriterSettings settings = camera(100).channels(2).chunkShape(1, 1, 1, 2048, 2048)
                .order(AcquisitionOrder.parse("ctzyx")).build();
        assertArrayEquals(new int[] {1, 1, 1, 2048, 2048}, settings.shardShape());
    }
}
