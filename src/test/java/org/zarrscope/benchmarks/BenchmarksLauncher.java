package org.zarrscope.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this package from Maven: {@code mvn -Pbenchmarks test}. The tag keeps
 * it out of a plain {@code mvn test} (see the {@code benchmarks} profile in pom.xml).
 *
 * <p>System properties (pass with {@code -D} on the mvn command line):
 * {@code jmh.include} (regex of benchmarks, default this package), {@code jmh.forks} (1),
 * {@code jmh.warmup} (3 iterations), {@code jmh.iterations} (5), {@code jmh.time} (seconds per
 * warm-up and measurement iteration, 1), {@code jmh.cname} (comma list overriding the
 * {@code cname} parameter, e.g. {@code lz4}), {@code jmh.clevel} (likewise for {@code clevel}),
 * {@code jmh.prof} (a JMH profiler, e.g. {@code gc}).
 * Raw results go to {@code target/jmh-result.json}; a table in MB/s is printed at the end.
 */
@Tag("benchmark")
class BenchmarksLauncher {

    @Test
    void runBenchmarks() throws RunnerException {
        int seconds = Integer.getInteger("jmh.time", 1);
        String result = new File(System.getProperty("basedir", "."), "target/jmh-result.json").getAbsolutePath();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(System.getProperty("jmh.include", BenchmarksLauncher.class.getPackage().getName() + "\\..*Benchmark"))
                .forks(Integer.getInteger("jmh.forks", 1))
                .warmupIterations(Integer.getInteger("jmh.warmup", 3))
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(Integer.getInteger("jmh.iterations", 5))
                .measurementTime(TimeValue.seconds(seconds))
                .threads(1)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(result);
        String profiler = System.getProperty("jmh.prof");
        if (profiler != null && !profiler.isEmpty()) {
            options.addProfiler(profiler);
        }
        String cnames = System.getProperty("jmh.cname");
        if (cnames != null && !cnames.isEmpty()) {
            options.param("cname", cnames.split(","));
        }
        String clevels = System.getProperty("jmh.clevel");
        if (clevels != null && !clevels.isEmpty()) {
            options.param("clevel", clevels.split(","));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) {
            throw new AssertionError("no benchmark matched " + System.getProperty("jmh.include"));
        }
        printMegabytesPerSecond(results);
        printLevels(results);
        System.out.println("JMH results: " + result);
    }

    /**
     * Each {@link BloscBindingsBenchmark} operation handles {@link BloscBindingsBenchmark#RAW_BYTES}
     * uncompressed bytes. The last column is how many times faster zero-copy jblosc was on the same
     * operation and compressor: the cost of the copies (and allocations) of the other paths.
     */
    private static void printMegabytesPerSecond(Collection<RunResult> results) {
        double megabytes = BloscBindingsBenchmark.RAW_BYTES / 1e6;
        Map<String, Double> zeroCopy = new HashMap<>();
        List<RunResult> ours = new ArrayList<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            if (name.startsWith(BloscBindingsBenchmark.class.getName() + ".")
                    && run.getPrimaryResult().getScoreUnit().equals("ops/s")) {
                ours.add(run);
                if (method(run).startsWith("jblosc")) {
                    zeroCopy.put(operation(run), run.getPrimaryResult().getScore());
                }
            }
        }
        System.out.println();
        System.out.printf("%-26s %6s %10s %10s %14s%n", "benchmark", "cname", "MB/s", "± 99.9%", "jblosc ÷ this");
        for (RunResult run : ours) {
            double score = run.getPrimaryResult().getScore();
            double error = run.getPrimaryResult().getScoreError();
            Double jblosc = zeroCopy.get(operation(run));
            System.out.printf("%-26s %6s %10.0f %10.0f %14s%n", method(run), run.getParams().getParam("cname"),
                    score * megabytes, Double.isNaN(error) ? 0 : error * megabytes,
                    jblosc == null ? "" : String.format("%.2f", jblosc / score));
        }
        System.out.println("(MB/s of uncompressed data, 1 MB = 10^6 bytes; one blosc thread)");
        System.out.println();
    }

    /**
     * {@link BloscLevelsBenchmark}: per setting, the ratio (compressed here, once) and MB/s of raw
     * data compressing and decompressing.
     */
    private static void printLevels(Collection<RunResult> results) {
        Map<String, double[]> bySetting = new java.util.TreeMap<>();
        for (RunResult run : results) {
            if (run.getParams().getBenchmark().startsWith(BloscLevelsBenchmark.class.getName() + ".")) {
                String setting = run.getParams().getParam("frames") + " " + run.getParams().getParam("cname") + " "
                        + run.getParams().getParam("clevel");
                double[] speeds = bySetting.computeIfAbsent(setting, key -> new double[] {Double.NaN, Double.NaN});
                speeds[method(run).equals("compress") ? 0 : 1] = run.getPrimaryResult().getScore() * BloscLevelsBenchmark.RAW_BYTES / 1e6;
            }
        }
        if (bySetting.isEmpty()) {
            return;
        }
        System.out.printf("%n%-10s %5s %6s %7s %14s %16s%n", "frames", "cname", "clevel", "ratio", "compress MB/s", "decompress MB/s");
        for (Map.Entry<String, double[]> setting : bySetting.entrySet()) {
            String[] parts = setting.getKey().split(" ");
            double ratio = BloscLevelsBenchmark.ratio(parts[1], Integer.parseInt(parts[2]), parts[0]);
            System.out.printf("%-10s %5s %6s %7.3f %14.0f %16.0f%n", parts[0], parts[1], parts[2], ratio,
                    setting.getValue()[0], setting.getValue()[1]);
        }
        System.out.println("(one thread, byte shuffle, 2048x2048 uint16 frame 0 of seed 42; 1 MB = 10^6 bytes)");
    }

    private static String method(RunResult run) {
        String name = run.getParams().getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** "compress lz4" or "decompress zstd". */
    private static String operation(RunResult run) {
        return (method(run).contains("Decompress") ? "decompress " : "compress ") + run.getParams().getParam("cname");
    }
}
