package org.zarrscope.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.store.FileSystemStore;

/**
 * What the frame table costs per frame on its ring thread (docs/benchmarks.md): one frame's row
 * recorded as Micro-Manager fills it (elapsed time, exposure, XYZ stage, camera, three extra
 * keys), and every {@code batch} frames the journal append the ring makes at the end of a batch:
 * {@code batch = 1} is the worst case (a slow camera, every frame its own batch and its own write
 * system call), larger batches a fast one. Full segments of 10,000 rows are written as they fill,
 * so their cost is in the average too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrameTableBenchmark {
    @Param({"1", "16"})
    public int batch;

    private Path folder;
    private FrameMetadataTable table;
    private final FrameMetadata metadata = FrameMetadata.builder().elapsedMs(12345.678).exposureMs(10)
            .stagePositionUm(1234.5, -678.25, 42.125).camera("Camera-1").extra("Channel", "DAPI")
            .extra("Binning", "1").extra("PositionName", "A1-Site_0").build();
    private int frame;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("frame-table-benchmark");
        table = new FrameMetadataTable(new FileSystemStore(folder));
    }

    /** Each iteration writes hundreds of MB of segments: removed at once. */
    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public FrameMetadataTable recordFrame() throws IOException {
        table.record(FrameCoordinates.of(frame, 0, 0), metadata);
        if (++frame % batch == 0) {
            table.appendToJournal();
        }
        return table;
    }
}
