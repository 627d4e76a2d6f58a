package org.zarrscope.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.micromanager.acqj.main.AcqEngMetadata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.WriterSettings;
import org.zarrscope.WriterStatistics;
import org.zarrscope.micromanager.acqengj.AcqEngJSink;
import org.zarrscope.micromanager.mda.LiveDataset;
import org.zarrscope.micromanager.mda.MdaFrameMetadata;
import org.zarrscope.micromanager.mda.MdaPixelType;
import org.zarrscope.micromanager.mda.MdaSettings;
import org.zarrscope.micromanager.mda.MdaSummary;
import org.zarrscope.micromanager.mda.SaveOptions;

/**
 * How long Micro-Manager's thread waits in {@code putImage} (issue 5: "returns in microseconds"):
 * {@link LiveDataset#put} (behind mmstudio's Storage) and {@link AcqEngJSink#putImage} with
 * 2048×2048 uint16 frames (8 MiB), one open-ended time-lapse per trial in a temporary folder.
 *
 * <p>Sampled per call ({@code Mode.SampleTime}: JMH prints p50, p90, p99, p99.9). Before each
 * call (outside the measurement) the benchmark waits until the writer has stored what it was
 * given, so every call finds room in the memory budget: this is the latency of a camera the
 * disk keeps up with, not the disk's speed (that is {@code zarrscope bench}). What remains is the
 * one copy of the pixels into the ring, the coordinate and metadata mapping and, for the sink,
 * reading AcqEngJ's JSON tags. The frame is a smooth ramp so that compression and disk stay
 * light on a shared machine; its content does not change the copy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PutImageLatencyBenchmark {
    private static final int SIZE = 2048;

    private Path folder;
    private short[] pixels;
    private LiveDataset dataset;
    private AcqEngJSink sink;
    private int time;
    private TaggedImage nextImage;
    private ByteBuffer[] copyTargets;
    private AcquisitionWriter writer;

    @Setup(Level.Trial)
    public void open() throws IOException {
        folder = Files.createTempDirectory("zarrscope-put-bench");
        pixels = new short[SIZE * SIZE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) ((i % SIZE) + (i / SIZE));
        }
        MdaSummary summary = MdaSummary.builder().orderedAxes("time", "position", "z", "channel")
                .frameSize(SIZE, SIZE).pixelType(MdaPixelType.GRAY16).channel("DAPI", null).build();
        dataset = LiveDataset.open(summary, SaveOptions.DEFAULTS, folder.resolve("live.ome.zarr"));
        sink = new AcqEngJSink(folder.resolve("acqengj.ome.zarr"), summary, SaveOptions.DEFAULTS);
        JSONObject acqEngJSummary = new JSONObject();
        AcqEngMetadata.setPixelTypeFromByteDepth(acqEngJSummary, 2);
        AcqEngMetadata.setWidth(acqEngJSummary, SIZE);
        AcqEngMetadata.setHeight(acqEngJSummary, SIZE);
        sink.initialize(null, acqEngJSummary);
        WriterSettings settings = MdaSettings.writerSettings(summary, SaveOptions.DEFAULTS, folder.resolve("writer.ome.zarr"));
        writer = AcquisitionWriter.open(settings);
        copyTargets = new ByteBuffer[settings.memoryPlan().ringSlots()];
        for (int i = 0; i < copyTargets.length; i++) {
            copyTargets[i] = ByteBuffer.allocateDirect(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Waits (unmeasured) until both writers have stored every frame, and tags the next AcqEngJ image. */
    @Setup(Level.Invocation)
    public void nextFrame() throws Exception {
        waitForWriter(dataset::statistics);
        waitForWriter(sink::statistics);
        waitForWriter(writer::statistics);
        JSONObject tags = new JSONObject();
        AcqEngMetadata.createAxes(tags);
        AcqEngMetadata.setAxisPosition(tags, "time", time);
        AcqEngMetadata.setAxisPosition(tags, "channel", "DAPI");
        AcqEngMetadata.setExposure(tags, 10.0);
        tags.put("ElapsedTime-ms", time * 10L);
        tags.put("Camera", "Camera");
        nextImage = new TaggedImage(pixels, tags);
    }

    private static void waitForWriter(Supplier<WriterStatistics> statistics) {
        while (statistics.get().framesWritten() < statistics.get().framesAccepted()) {
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * The floor: the same 8 MiB copied from the Java array into a direct little-endian buffer, as
     * the ring's copy does, into one of as many buffers as the writer's ring has slots (so,
     * like the ring's, the target is not in the CPU cache).
     */
    @Benchmark
    public ByteBuffer copyFloor() {
        ByteBuffer target = copyTargets[time++ % copyTargets.length];
        target.clear();
        target.asShortBuffer().put(pixels);
        return target;
    }

    /** The writer alone ({@link AcquisitionWriter#write}): what the Micro-Manager layer adds is put minus this. */
    @Benchmark
    public void writerWrite() {
        writer.write(FrameCoordinates.at(0, time++, 0, 0), pixels, FrameMetadata.NONE);
    }

    @Benchmark
    public void liveDatasetPut() {
        dataset.put(Map.of(MdaSummary.TIME, time++), pixels, MdaFrameMetadata.NONE);
    }

    @Benchmark
    public Object acqEngJSinkPutImage() {
        time++;
        return sink.putImage(nextImage);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        dataset.freeze(status -> { });
        dataset.close();
        sink.finish();
        writer.finish();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
