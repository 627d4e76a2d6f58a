package org.zarrscope.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * Runs the full {@link CrashCampaign} from Maven: {@code mvn -Pcrash-campaign test
 * -Dcrash.trials=50 -Dcrash.seed=1}. Its name is none surefire runs by default, so only the
 * {@code crash-campaign} profile (pom.xml), which includes it alone, runs it. Kept datasets of
 * failed trials are in {@code target/crash-campaign}.
 */
class CrashCampaignLauncher {

    @Test
    void runCampaign() throws Exception {
        int trials = Integer.getInteger("crash.trials", 50);
        long seed = Long.getLong("crash.seed", 1);
        Path work = Paths.get(System.getProperty("basedir", "."), "target", "crash-campaign", "seed-" + seed);
        CampaignResult result = new CrashCampaign(seed, work, System.out).run(trials);
        assertTrue(result.clean(), result.summary() + "; " + result.metadataSummary() + "; failed trials kept in " + work);
    }
}
