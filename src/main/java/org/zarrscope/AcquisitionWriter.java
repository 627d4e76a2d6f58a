package org.zarrscope;

import com.lmax.disruptor.EventHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.zarrscope.chunk.ChunkAssembler;
import org.zarrscope.chunk.ChunkEncoder;
import org.zarrscope.chunk.ChunkGrid;
import org.zarrscope.chunk.ChunkWriterPool;
import org.zarrscope.contrast.ContrastEstimator;
import org.zarrscope.ingest.FailureLatch;
import org.zarrscope.ingest.FrameLedger;
import org.zarrscope.ingest.FrameSlot;
import org.zarrscope.ingest.IngestRing;
import org.zarrscope.memory.BufferPool;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.ngff.ImageCollection;
import org.zarrscope.plan.MemoryPlan;
import org.zarrscope.plan.WriterPlan;
import org.zarrscope.pyramid.AfterRunPyramid;
import org.zarrscope.pyramid.NoPyramid;
import org.zarrscope.pyramid.PyramidBuilder;
import org.zarrscope.pyramid.PyramidStage;
import org.zarrscope.pyramid.ResolutionLevels;
import org.zarrscope.pyramid.StreamingPyramid;
import org.zarrscope.stats.PipelineCounters;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.SpaceReserve;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ChunkSink;
import org.zarrscope.zarr.FinishingSpace;
import org.zarrscope.zarr.ZarrArray;
import org.zarrscope.zarr.ZarrLayout;

/**
 * Writes one acquisition as an OME-Zarr image while it is acquired.
 *
 * <pre>{@code
 * WriterSettings settings = WriterSettings.builder().output(Paths.get("run.ome.zarr"))
 *         .timePoints(100).channels(2).zSlices(16).frameSize(2048, 2048).pixelType(PixelType.UINT16)
 *         .chunkShape(1, 1, 16, 512, 512).build();
 * try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
 *     writer.write(FrameCoordinates.of(t, c, z), pixels, FrameMetadata.NONE);   // per camera frame
 *     writer.finish();
 * }
 * }</pre>
 *
 * <p>{@code write} copies the pixels once into a ring slot and returns; chunk assembly,
 * compression and disk writes run on the writer's own threads. The dataset is readable from the
 * moment {@link #open} returns: metadata is written first, chunks appear as they complete.
 * {@code write} may be called from several threads; {@link #finish}, {@link #abort} and
 * {@link #close} from one. A writer still open when the JVM shuts down (Micro-Manager closed
 * mid-run, {@code System.exit}) is aborted on the way out, so its dataset is finished
 * ({@code aborted}) rather than left {@code acquiring}.
 */
public final class AcquisitionWriter implements AutoCloseable {
    /** The array's key below the image group: the full-resolution level. */
    public static final String FULL_RESOLUTION_PATH = "0";

    private enum State { OPEN, CLOSING, CLOSED }

    private final WriterSettings settings;
    private final Store store;
    private final ImageCollection images;
    private final List<ZarrArray> fullResolution = new ArrayList<>();
    private final DatasetMetadata metadata;
    private final FrameLedger ledger;
    private final PipelineCounters counters = new PipelineCounters();
    private final FailureLatch failure = new FailureLatch();
    private final ChunkWriterPool writers;
    private final ChunkAssembler assembler;
    private final FrameMetadataTable frameTable;
    private final ContrastEstimator contrast;
    private final IngestRing ring;
    private final FrameIntake intake;
    private final int tilesPerFrame;
    private final long plannedBytes;
    private final long openedNanos = System.nanoTime();
    private volatile long closedNanos;
    private volatile State state = State.OPEN;
    /** Private, so that no caller locking the writer can hold up its closing. */
    private final Object closeLock = new Object();
    private final ShutdownFinisher.Registration atShutdown;
    private volatile boolean shuttingDown;
    /** The reduced levels: none, streamed while frames arrive, or built after the run. */
    private final PyramidStage pyramid;
    /** Completes the shards, the pyramid and the metadata once every accepted frame is written. */
    private final RunEnding ending;

    private AcquisitionWriter(WriterSettings settings, WriterPlan plan, Store store) throws IOException {
        this.settings = settings;
        this.store = store;
        ZarrLayout layout = settings.format().layout(store);
        this.images = new ImageCollection(settings);
        List<ChunkSink> sinks = new ArrayList<>();
        for (int position = 0; position < settings.positionCount(); position++) {
            ZarrArray array = layout.array(plan.fullResolution(), ZarrLayout.join(images.imagePath(position),
                    FULL_RESOLUTION_PATH));
            fullResolution.add(array);
            sinks.add(array.chunkSink());
        }
        this.ledger = new FrameLedger(settings);
        this.metadata = new DatasetMetadata(settings, store, layout, images, fullResolution);
        metadata.writeAtOpen();
        SpaceReserve reserve = SpaceReserve.take(store, FinishingSpace.bytes(plan.fullResolution(),
                plan.memory().maxOpenShards(), store));

        MemoryPlan memory = plan.memory();
        plannedBytes = memory.plannedBytes();
        ChunkGrid grid = new ChunkGrid(plan.fullResolution());
        tilesPerFrame = grid.tilesY() * grid.tilesX() * settings.pixelType().storedChannelsPerFrame();
        BufferPool pool = new BufferPool(Math.toIntExact(plan.fullResolution().chunkBytes()), memory.chunkBuffers(),
                memory.pixelsOnHeap());
        writers = new ChunkWriterPool(settings.writerThreads(), memory.writerQueue(), settings.codec(),
                settings.pixelType().bytesPerSample(), memory.codecBufferBytes(), store.describe(), counters, failure);
        frameTable = new FrameMetadataTable(store);
        contrast = new ContrastEstimator(settings);
        assembler = new ChunkAssembler(plan.fullResolution(), memory.writersGatherTiles(), sinks, pool, writers,
                counters, failure, metadata::writeArrays);
        pyramid = pyramidStage(plan, layout);
        List<EventHandler<FrameSlot>> observers = new ArrayList<>();
        observers.add(contrast);
        observers.addAll(pyramid.frameObservers());
        ring = new IngestRing(memory.ringSlots(), plan.fullResolution().frameBytes(), memory.pixelsOnHeap(), settings.backPressure(),
                failure, counters, frameTable, observers, Collections.singletonList(assembler));
        intake = new FrameIntake(settings, ring, ledger, counters, failure, store.describe());
        ending = new RunEnding(store, fullResolution, metadata, frameTable, contrast, pyramid, reserve, failure);
        atShutdown = ShutdownFinisher.register(settings.output().toString(), this::abortAtShutdown);
    }

    /** The pyramid mode's stage, with the plan's levels. */
    private PyramidStage pyramidStage(WriterPlan plan, ZarrLayout layout) throws IOException {
        ResolutionLevels levels = plan.levels();
        MemoryPlan memory = plan.memory();
        if (levels.count() < 2) {
            return new NoPyramid();
        }
        if (settings.pyramid() == PyramidMode.STREAMING) {
            List<BufferPool> pools = new ArrayList<>();
            for (int k = 1; k < levels.count(); k++) {
                pools.add(new BufferPool(Math.toIntExact(levels.level(k).chunkBytes()), memory.levelChunkBuffers(k),
                        memory.pixelsOnHeap()));
            }
            // its chunks are counted apart: the run's MB/s and ratio describe the camera's data
            return new StreamingPyramid(levels, pools, layout, imagePaths(), writers.countingChunksIn(
                    new PipelineCounters()), counters, failure);
        }
        // counted apart from the acquisition's counters, whose MB/s and ratio describe the camera's data
        ChunkEncoder encoder = new ChunkEncoder(settings.codec(), settings.pixelType().bytesPerSample(),
                memory.codecBufferBytes(), new PipelineCounters());
        return new AfterRunPyramid(new PyramidBuilder(levels, settings.writerThreads(), memory.pixelsOnHeap(), layout,
                store, imagePaths(), encoder, (done, total) -> {
                    counters.pyramidChunksTotal.set(total);
                    counters.pyramidChunksDone.set(done);
                }), levels.count());
    }

    /**
     * Opens a new dataset in the settings' output folder, which must not exist yet or be empty:
     * an earlier acquisition is never overwritten.
     *
     * @throws SettingsException if the settings cannot be written ({@link WriterSettings#plan()})
     */
    public static AcquisitionWriter open(WriterSettings settings) throws IOException {
        WriterPlan plan = settings.plan();
        refuseExistingData(settings.output());
        return new AcquisitionWriter(settings, plan, new FileSystemStore(settings.output(), settings.durable()));
    }

    /**
     * Throws if the folder holds data already, for callers that open their own store on a
     * folder: an earlier acquisition is never overwritten.
     */
    public static void refuseExistingData(Path output) throws IOException {
        if (Files.isDirectory(output)) {
            try (Stream<Path> entries = Files.list(output)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("the dataset folder " + output.toAbsolutePath().normalize()
                            + " already holds data; choose a new name (nothing was overwritten)");
                }
            }
        }
    }

    /** Opens a dataset in any {@link Store} (an object store, or a test double). */
    public static AcquisitionWriter open(WriterSettings settings, Store store) throws IOException {
        return new AcquisitionWriter(settings, settings.plan(), store);
    }

    public WriterSettings settings() {
        return settings;
    }

    /**
     * The image group of a stage position, relative to the dataset root: {@code ""} for a
     * single-position dataset, {@code "0"}, {@code "1"}, … under a {@code bioformats2raw.layout}
     * root, or {@code "B/3/0"} (row, column, field) in an HCS plate. Its arrays are
     * {@code <imagePath>/0} (full resolution), {@code /1}, … (pyramid levels).
     */
    public String imagePath(int position) {
        return images.imagePath(position);
    }

    /** Writes a {@link PixelType#UINT16} frame. In every {@code write} and {@code handOver}, null metadata is {@link FrameMetadata#NONE}. */
    public void write(FrameCoordinates frame, short[] pixels, FrameMetadata metadata) {
        intake.accept(frame, pixels, metadata, false);
    }

    /** Writes a {@link PixelType#UINT8} frame, or an {@link PixelType#RGB8} frame as B, G, R, A bytes. */
    public void write(FrameCoordinates frame, byte[] pixels, FrameMetadata metadata) {
        intake.accept(frame, pixels, metadata, false);
    }

    /** Writes a {@link PixelType#UINT32} frame. */
    public void write(FrameCoordinates frame, int[] pixels, FrameMetadata metadata) {
        intake.accept(frame, pixels, metadata, false);
    }

    /** Writes a {@link PixelType#FLOAT32} frame. */
    public void write(FrameCoordinates frame, float[] pixels, FrameMetadata metadata) {
        intake.accept(frame, pixels, metadata, false);
    }

    /**
     * Writes a frame of any pixel type from raw bytes (position to limit), read in the buffer's
     * own byte order: {@code width × height × bytes per pixel} of them.
     */
    public void write(FrameCoordinates frame, ByteBuffer pixels, FrameMetadata metadata) {
        intake.accept(frame, pixels, metadata);
    }

    /**
     * Writes a frame given as the pixel array a camera or Micro-Manager hands out
     * ({@code byte[]}, {@code short[]}, {@code int[]}, {@code float[]} or {@link ByteBuffer}).
     */
    public void write(FrameCoordinates frame, Object pixels, FrameMetadata metadata) {
        if (pixels instanceof ByteBuffer) {
            intake.accept(frame, (ByteBuffer) pixels, metadata);
        } else {
            intake.accept(frame, pixels, metadata, false);
        }
    }

    /**
     * Writes a frame array that nobody changes again, keeping it by reference: it is never copied
     * into the ring; the chunk assembler gathers its tiles straight from it, and the streaming
     * pyramid reduces it in place. This returns in microseconds as long
     * as the memory budget has room. For arrays that are immutable by contract, such as
     * Micro-Manager's {@code Image.getRawPixels()} or the arrays MMCore and AcqEngJ make for each
     * frame; a camera buffer that is reused must go through {@link #write}. The array is held
     * while its ring slot refers to it and, when the writer threads gather its tiles, until the
     * last is gathered; the memory budget counts both ({@code MemoryPlan}).
     */
    public void handOver(FrameCoordinates frame, Object pixels, FrameMetadata metadata) {
        intake.accept(frame, pixels, metadata, true);
    }

    /**
     * Writes every accepted frame, fills chunks that never completed with the fill value, and
     * writes the final metadata. Blocks until the data is on disk. After a failed {@code write},
     * or an {@link #abort}, it ends nothing more but reports the failure, now with its outcome.
     *
     * @throws WriterFailedException if any chunk could not be written (disk full, I/O error): its
     *         message names the chunk and the cause, then says how many frames are readable, whether
     *         {@code zarrscope recover} would add any, and whether the dataset is marked failed
     */
    public void finish() throws IOException {
        close("complete");
        failure.throwIfFailed(ending.failureOutcome(statistics().framesWritten()));
    }

    /**
     * Stops the acquisition early: frames already accepted are still written (partly filled chunks
     * with the fill value), the dataset is marked aborted, and no error is thrown for chunks
     * that failed (they were reported by {@code write} already).
     */
    public void abort() throws IOException {
        close("aborted");
    }

    /**
     * {@link #abort} as the JVM shuts down ({@link ShutdownFinisher}): everything accepted is
     * written and the metadata finished, but no pyramid is built after the run, which could hold
     * up Micro-Manager's exit for minutes; the dataset declares its full resolution (and a
     * streaming pyramid's levels).
     */
    void abortAtShutdown() throws IOException {
        shuttingDown = true;
        abort();
    }

    /** Aborts if neither {@link #finish} nor {@link #abort} was called. */
    @Override
    public void close() throws IOException {
        if (state == State.OPEN) {
            abort();
        }
    }

    /** Once: a JVM shutdown may finish the writer while its own thread does; the second call waits, then returns. */
    private void close(String status) throws IOException {
        synchronized (closeLock) {
            closeOnce(status);
        }
    }

    private void closeOnce(String status) throws IOException {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        // Finishing must complete even if this thread is interrupted (a user pressing Stop twice):
        // an interrupted wait, or a file channel closed by the interrupt, would leave shards
        // unindexed and the dataset marked acquiring. The interrupt is restored at the end.
        boolean interrupted = Thread.interrupted();
        try {
            interrupted |= writeEverythingAccepted();
            int timePoints = settings.isTimeUnbounded() ? ledger.highestTime() + 1 : settings.timePoints();
            ending.end(status, timePoints, shuttingDown);
        } finally {
            ShutdownFinisher.unregister(atShutdown);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return whether this thread was interrupted while waiting */
    private boolean writeEverythingAccepted() {
        try {
            intake.stop();
            ring.drain();
            assembler.flushOpenChunks();
            pyramid.flushOpenChunks();
            return writers.shutdownAndWait() | Thread.interrupted();
        } finally {
            closedNanos = System.nanoTime();
            state = State.CLOSED;
        }
    }

    private List<String> imagePaths() {
        List<String> paths = new ArrayList<>();
        for (int position = 0; position < settings.positionCount(); position++) {
            paths.add(images.imagePath(position));
        }
        return paths;
    }

    /** A snapshot of the counters; cheap enough to call for a progress display. */
    public WriterStatistics statistics() {
        long end = state == State.CLOSED ? closedNanos : System.nanoTime();
        return new WriterStatistics(counters, tilesPerFrame, ring.slots(), end - openedNanos, plannedBytes);
    }
}
