package org.zarrscope.benchmarks;

import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;
import org.zarrscope.contrast.ContrastEstimator;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.simulate.SimulatedCamera;

/**
 * What the contrast estimate costs per camera frame (docs/benchmarks.md): {@code sampleFrame} is
 * {@link ContrastEstimator#observe} on a simulated 2048×2048 uint16 frame in a ring slot's
 * off-heap buffer; {@code ingestCopy}, the baseline measured in the same run, is the one copy
 * {@code AcquisitionWriter.write} makes of every frame anyway.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContrastEstimatorBenchmark {
    private static final int SIZE = 2048;

    private short[] cameraFrame;
    private PixelBuffer slot;
    private ByteBuffer slotBytes;
    private ContrastEstimator estimator;
    private final FrameCoordinates frame = FrameCoordinates.of(0, 0, 0);

    @Setup
    public void setUp() {
        cameraFrame = (short[]) new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, 42).frame(frame);
        slot = new PixelBuffer(SIZE * SIZE * 2, false);
        slot.put(cameraFrame);
        slotBytes = slot.bytes();
        estimator = new ContrastEstimator(WriterSettings.builder().output(Paths.get("unused"))
                .frameSize(SIZE, SIZE).pixelType(PixelType.UINT16).build());
    }

    @Benchmark
    public ContrastEstimator sampleFrame() {
        estimator.observe(frame, slotBytes);
        return estimator;
    }

    @Benchmark
    public PixelBuffer ingestCopy() {
        slot.put(cameraFrame);
        return slot;
    }
}
