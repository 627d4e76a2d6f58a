package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While finish() builds the pyramid, its progress is reported, ending with every chunk written. */
class FinishReportsPyramidProgressTest {
    @Test
    void progressRisesToEveryPyramidChunk(@TempDir Path folder) throws Exception {
        WriterSettings settings = WriterSettings.builder().output(folder.resolve("p.ome.zarr")).format(ZarrFormat.V2)
                .timePoints(6).channels(2).frameSize(256, 192).chunkShape(1, 1, 1, 64, 64).writerThreads(2)
                .pyramid(PyramidMode.AFTER).build();
        List<long[]> reports = new ArrayList<>();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            settings.order().forEachFrame(6, 2, 1, frame -> writer.write(frame, new short[256 * 192], FrameMetadata.NONE));
            FinishProgress.watch(writer, writer::finish, (done, total) -> reports.add(new long[] {done, total}));
        }
        assertFalse(reports.isEmpty(), "the pyramid's progress was reported");
        // levels 1 (128 x 96: 2 x 2 tiles) and 2 (64 x 48: 1 tile) of 12 planes
        long expectedTotal = 12 * (4 + 1);
        long previous = -1;
        for (long[] report : reports) {
            assertEquals(expectedTotal, report[1]);
            assertTrue(report[0] > previous, "progress only rises");
            previous = report[0];
        }
        assertEquals(expectedTotal, previous, "the last report is the finished pyramid");
    }
}
