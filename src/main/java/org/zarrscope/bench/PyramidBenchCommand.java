package org.zarrscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import org.zarrscope.codec.CodecSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zarrscope bench pyramid}: what a pyramid costs ({@link PyramidBenchmark}), with the flags
 * that mean something for it: the stream ({@link RunOptions}), its tile and the one folder it
 * writes to.
 */
@Command(name = "pyramid", mixinStandardHelpOptions = true,
        description = {"Measure the pyramid: building it after the run against the write time, the work no after-run "
                + "build can avoid, and the streaming pyramid's throughput and finish(); ends with a RESULT line.",
                "Writes simulated uint16 frames of --size in --tile x --tile chunks, Zarr v3 with automatic shards."})
final class PyramidBenchCommand implements Callable<Integer> {
    @Option(names = {"--dir", "--codec-dir"}, description = "Folder the runs write to (default: /dev/shm if present, "
            + "else bench-data).")
    Path directory;

    @Option(names = "--tile", defaultValue = "512", description = "Chunk y/x of the runs (default: ${DEFAULT-VALUE}).")
    int tile;

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int[] frameSize = run.frameSize();
        Path folder = directory != null ? directory : BenchFolders.inMemoryOr(Paths.get("bench-data"));
        CodecSpec codec = run.codecSpec();
        run.checkRepeat(spec);
        Files.createDirectories(folder);
        // the runs' settings are checked as they are built, before the first frame
        new PyramidBenchmark(folder, run.frames, frameSize[0], frameSize[1], tile, codec, run.writerThreads(),
                run.memoryBytes(), spec.commandLine().getOut()).run(run.repeat);
        return 0;
    }
}
