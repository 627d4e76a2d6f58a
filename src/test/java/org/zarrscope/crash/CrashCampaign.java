package org.zarrscope.crash;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zarrscope.testing.Folders;

/**
 * A rerunnable {@code kill -9} campaign: {@code trials} runs of {@code zarrscope simulate}, each of a
 * configuration (v2/v3, plane/stack chunks, streaming pyramid on/off) and a kill moment drawn from
 * one seeded {@link Random}, each killed, recovered and checked by {@link KilledRun} against a
 * complete run of the same configuration and seed ({@link ReferenceRun}, made once per
 * configuration). The same seed gives the same configurations and kill fractions; where the kill
 * lands in the writer's work still varies with the machine's timing.
 *
 * <p>Prints one line per trial and the summary
 * {@code trials=N opened=N frames_lost_beyond_promise=0 corrupt_chunks=0}, then
 * {@code frames_without_metadata=0}. Datasets of clean trials are deleted; the others are kept in
 * the work folder for inspection.
 *
 * <p>Run from Maven: {@code mvn -Pcrash-campaign test -Dcrash.trials=50 -Dcrash.seed=1} (see
 * {@link CrashCampaignLauncher}).
 */
public final class CrashCampaign {
    private final long seed;
    private final Path work;
    private final PrintStream out;
    private final Map<TrialConfig, ReferenceRun> references = new HashMap<>();

    CrashCampaign(long seed, Path work, PrintStream out) {
        this.seed = seed;
        this.work = work;
        this.out = out;
    }

    /** {@code CrashCampaign TRIALS SEED WORK_FOLDER}: runs the campaign; exits 1 unless every trial is clean. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CrashCampaign TRIALS SEED WORK_FOLDER");
            System.exit(2);
        }
        CampaignResult result = new CrashCampaign(Long.parseLong(args[1]), Paths.get(args[2]), System.out)
                .run(Integer.parseInt(args[0]));
        System.exit(result.clean() ? 0 : 1);
    }

    /** Runs {@code trials} trials and prints their lines and the summary. */
    CampaignResult run(int trials) throws IOException, InterruptedException {
        Random random = new Random(seed);
        List<TrialResult> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int trial = 1; trial <= trials; trial++) {
            TrialConfig config = TrialConfig.random(random);
            double killFraction = random.nextDouble();
            Path folder = work.resolve("trial-" + trial);
            TrialResult result = KilledRun.run(trial, config, killFraction, reference(config), seed, folder);
            out.println(result.line());
            if (result.clean()) {
                Folders.deleteTree(folder);
            }
            results.add(result);
        }
        CampaignResult campaign = new CampaignResult(results, System.nanoTime() - start);
        out.println(campaign.summary());
        out.println(campaign.metadataSummary());
        return campaign;
    }

    private ReferenceRun reference(TrialConfig config) throws IOException, InterruptedException {
        ReferenceRun reference = references.get(config);
        if (reference == null) {
            Path folder = work.resolve("reference " + config.name());
            reference = ReferenceRun.of(config, seed, folder);
            out.printf("reference %s: complete run writes for %d ms%n", config.name(), reference.writeNanos / 1_000_000);
            Folders.deleteTree(folder);
            references.put(config, reference);
        }
        return reference;
    }
}
