package org.zarrscope.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.ExternalProcess;

/**
 * The crash campaign in reduced form, for every build: three {@code kill -9} trials at seeded
 * random moments, each dataset opened after {@code recover}, no frame lost that was complete on
 * disk before the kill, no corrupt chunk, no frame on disk without its frame-table row. The full
 * campaign is {@code mvn -Pcrash-campaign test} (docs/reliability.md).
 */
@ExternalProcess
class KilledWritersKeepTheCrashPromiseTest {
    private static final int TRIALS = 3;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void threeKilledWritersKeepThePromise() throws Exception {
        CampaignResult result = new CrashCampaign(7, work, System.out).run(TRIALS);
        assertEquals("trials=" + TRIALS + " opened=" + TRIALS + " frames_lost_beyond_promise=0 corrupt_chunks=0",
                result.summary(), "the campaign's summary; trials:\n" + lines(result));
        assertEquals(0, result.framesWithoutMetadata(), "frames on disk without a frame-table row; trials:\n"
                + lines(result));
    }

    private static String lines(CampaignResult result) {
        StringBuilder lines = new StringBuilder();
        result.trials.forEach(trial -> lines.append(trial.line()).append('\n'));
        return lines.toString();
    }
}
