package org.zarrscope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lmax.disruptor.EventHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.zarrscope.chunk.ChunkAssembler;
import org.zarrscope.chunk.ChunkEncoder;
import org.zarrscope.chunk.ChunkGrid;
import org.zarrscope.chunk.ChunkWriterPool;
import org.zarrscope.chunk.FailureLatch;
import org.zarrscope.ingest.FrameLedger;
import org.zarrscope.ingest.FrameSlot;
import org.zarrscope.ingest.IngestRing;
import org.zarrscope.memory.BufferPool;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.contrast.ContrastEstimator;
import org.zarrscope.contrast.ContrastWindow;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.ngff.OmeroMetadata;
import org.zarrscope.ome.OmeXmlDocument;
import org.zarrscope.metadata.ZarrscopeAttributes;
import org.zarrscope.metadata.ZarrscopeGroups;
import org.zarrscope.ngff.NgffImageMetadata;
import org.zarrscope.plan.MemoryPlan;
import org.zarrscope.plan.WriterPlan;
import org.zarrscope.pyramid.PyramidBuilder;
import org.zarrscope.pyramid.StreamingPyramid;
import org.zarrscope.stats.PipelineCounters;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.SpaceReserve;
import org.zarrscope.store.Store;
import org.zarrscope.ngff.ImageCollection;
import org.zarrscope.zarr.ChunkSink;
import org.zarrscope.zarr.FinishingSpace;
import org.zarrscope.zarr.ZarrArray;
import org.zarrscope.zarr.ZarrJson;
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
    private static final long WRITER_POLL_NANOS = 100_000;

    private enum State { OPEN, CLOSING, CLOSED }

    private final WriterSettings settings;
    private final Store store;
    private final ZarrLayout layout;
    private final ImageCollection images;
    private final List<ZarrArray> fullResolution = new ArrayList<>();
    private final FrameLedger ledger;
    private final PipelineCounters counters = new PipelineCounters();
    private final FailureLatch failure = new FailureLatch();
    private final ChunkWriterPool writers;
    private final ChunkAssembler assembler;
    private final FrameMetadataTable frameTable;
    private final ContrastEstimator contrast;
    private final IngestRing ring;
    private final int tilesPerFrame;
    private final long openedNanos = System.nanoTime();
    /** The wall clock at open: the run's start in OME-XML when the settings' summary gives none. */
    private final Instant openedAt = Instant.now();
    private volatile long closedNanos;
    private volatile State state = State.OPEN;
    /** Private, so that no caller locking the writer can hold up its closing. */
    private final Object closeLock = new Object();
    private volatile boolean shuttingDown;
    /** Each level's array layout and the memory plan, derived from the settings once, at open. */
    private final WriterPlan plan;
    /** Builds the levels while frames arrive ({@link PyramidMode#STREAMING}), or {@code null}. */
    private final StreamingPyramid streamingPyramid;
    /** Resolution levels in {@code multiscales}: level 0 until the pyramid is complete. */
    private volatile int declaredLevels = 1;
    /** Threads inside {@code write} between their state check and their publish. */
    private final AtomicInteger writersInside = new AtomicInteger();
    /** Disk space for finishing a run the disk filled up, released when it ends. */
    private final SpaceReserve reserve;
    /** Whether a full-resolution shard could not be completed: its chunks need {@code recover}. */
    private volatile boolean shardsLeftUnfinished;
    /** Whether the final status (complete, aborted, failed) reached the metadata. */
    private volatile boolean finalStatusWritten;

    private AcquisitionWriter(WriterSettings settings, WriterPlan plan, Store store) throws IOException {
        this.settings = settings;
        this.plan = plan;
        this.store = store;
        this.layout = ZarrLayout.of(settings.format(), store);
        this.images = new ImageCollection(settings);
        List<ChunkSink> sinks = new ArrayList<>();
        for (int position = 0; position < settings.positionCount(); position++) {
            ZarrArray array = layout.array(plan.fullResolution(), ZarrLayout.join(images.imagePath(position), FULL_RESOLUTION_PATH));
            fullResolution.add(array);
            sinks.add(array.chunkSink());
        }
        this.ledger = new FrameLedger(settings);
        ZarrscopeGroups.write(layout, FrameMetadataTable.DEFAULT_SEGMENT_ROWS);
        writeMetadata(settings.isTimeUnbounded() ? 0 : settings.timePoints(), "acquiring", null);
        // the planned images now, every frame's plane at the end: a reader of a run that never
        // finishes still finds the OME-XML, and the OME model's costly first use is not paid
        // while frames arrive
        OmeXmlDocument.write(store, settings, settings.isTimeUnbounded() ? 0 : settings.timePoints(),
                Collections.emptyList(), openedAt);
        reserve = SpaceReserve.take(store, FinishingSpace.bytes(plan.fullResolution(), plan.memory().maxOpenShards(), store));

        MemoryPlan memory = plan.memory();
        ChunkGrid grid = new ChunkGrid(plan.fullResolution());
        tilesPerFrame = grid.tilesY() * grid.tilesX() * settings.pixelType().storedChannelsPerFrame();
        BufferPool pool = new BufferPool(Math.toIntExact(settings.chunkBytes()), memory.chunkBuffers(), memory.pixelsOnHeap());
        writers = new ChunkWriterPool(settings.writerThreads(), memory.writerQueue(), settings.codec(),
                settings.pixelType().bytesPerSample(),
                memory.codecBufferBytes(), store.describe(), counters, failure);
        frameTable = new FrameMetadataTable(store);
        contrast = new ContrastEstimator(settings);
        assembler = new ChunkAssembler(plan.fullResolution(), memory.writersGatherTiles(), sinks, pool, writers,
                counters, failure, this::timePointsGrew);
        streamingPyramid = settings.pyramid() == PyramidMode.STREAMING && plan.levels().count() > 1
                ? new StreamingPyramid(plan.levels(), levelPools(memory), layout, imagePaths(),
                        writers.countingChunksIn(new PipelineCounters()), counters, failure) : null;
        ring = new IngestRing(memory.ringSlots(), settings.frameBytes(), memory.pixelsOnHeap(), settings.backPressure(), failure, counters,
                frameTable, observers(), streamingPyramid != null, Collections.singletonList(assembler));
        ShutdownFinisher.register(this);
    }

    /**
     * Opens a new dataset in the settings' output folder, which must not exist yet or be empty:
     * an earlier acquisition is never overwritten.
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
        checkArray(frame, pixels);
        accept(frame, pixels, metadata, false);
    }

    /** Writes a {@link PixelType#UINT8} frame, or an {@link PixelType#RGB8} frame as B, G, R, A bytes. */
    public void write(FrameCoordinates frame, byte[] pixels, FrameMetadata metadata) {
        checkArray(frame, pixels);
        accept(frame, pixels, metadata, false);
    }

    /** Writes a {@link PixelType#UINT32} frame. */
    public void write(FrameCoordinates frame, int[] pixels, FrameMetadata metadata) {
        checkArray(frame, pixels);
        accept(frame, pixels, metadata, false);
    }

    /** Writes a {@link PixelType#FLOAT32} frame. */
    public void write(FrameCoordinates frame, float[] pixels, FrameMetadata metadata) {
        checkArray(frame, pixels);
        accept(frame, pixels, metadata, false);
    }

    /**
     * Writes a frame of any pixel type from raw bytes (position to limit), read in the buffer's
     * own byte order: {@code width × height × bytes per pixel} of them.
     */
    public void write(FrameCoordinates frame, ByteBuffer pixels, FrameMetadata metadata) {
        if (pixels.remaining() != settings.frameBytes()) {
            throw new FrameRejectedException("frame " + frame + " has " + pixels.remaining() + " bytes, expected "
                    + settings.width() + " x " + settings.height() + " x " + settings.pixelType().inputBytesPerPixel()
                    + " = " + settings.frameBytes() + " for " + settings.pixelType().cliName());
        }
        accept(frame, pixels, metadata, false);
    }

    /**
     * Writes a frame given as the pixel array a camera or Micro-Manager hands out
     * ({@code byte[]}, {@code short[]}, {@code int[]}, {@code float[]} or {@link ByteBuffer}).
     */
    public void write(FrameCoordinates frame, Object pixels, FrameMetadata metadata) {
        if (pixels instanceof ByteBuffer) {
            write(frame, (ByteBuffer) pixels, metadata);
        } else {
            checkArray(frame, pixels);
            accept(frame, pixels, metadata, false);
        }
    }

    /**
     * Writes a frame array that nobody changes again, keeping it by reference: it is never copied
     * into the ring; the chunk assembler gathers its tiles straight from it (only the streaming
     * pyramid, whose reducer reads bytes, copies a {@code short[]}, {@code int[]} or
     * {@code float[]} frame first, off the caller's thread). This returns in microseconds as long
     * as the memory budget has room. For arrays that are immutable by contract, such as
     * Micro-Manager's {@code Image.getRawPixels()} or the arrays MMCore and AcqEngJ make for each
     * frame; a camera buffer that is reused must go through {@link #write}. The array is held
     * while its ring slot refers to it and, when the writer threads gather its tiles, until the
     * last is gathered; the memory budget counts both ({@code MemoryPlan}).
     */
    public void handOver(FrameCoordinates frame, Object pixels, FrameMetadata metadata) {
        checkArray(frame, pixels);
        accept(frame, pixels, metadata, true);
    }

    /** Checks that a pixel array has the dataset's type and the frame's size. */
    private void checkArray(FrameCoordinates frame, Object pixels) {
        if (pixels instanceof short[]) {
            checkType(PixelType.UINT16, "short[]");
            checkLength(((short[]) pixels).length, 1);
        } else if (pixels instanceof byte[]) {
            if (settings.pixelType() != PixelType.RGB8) {
                checkType(PixelType.UINT8, "byte[]");
            }
            checkLength(((byte[]) pixels).length, settings.pixelType().inputBytesPerPixel());
        } else if (pixels instanceof int[]) {
            checkType(PixelType.UINT32, "int[]");
            checkLength(((int[]) pixels).length, 1);
        } else if (pixels instanceof float[]) {
            checkType(PixelType.FLOAT32, "float[]");
            checkLength(((float[]) pixels).length, 1);
        } else {
            throw new FrameRejectedException("frame " + frame + ": pixels of type "
                    + (pixels == null ? "null" : pixels.getClass().getSimpleName())
                    + " are not supported; give byte[], short[], int[], float[] or ByteBuffer");
        }
    }

    private void checkType(PixelType expected, String given) {
        if (settings.pixelType() != expected) {
            throw new FrameRejectedException("a " + given + " frame was given but the dataset stores "
                    + settings.pixelType().cliName() + " pixels");
        }
    }

    private void checkLength(int length, int elementsPerPixel) {
        long expected = (long) settings.width() * settings.height() * elementsPerPixel;
        if (length != expected) {
            throw new FrameRejectedException("frame has " + length + " elements, expected " + settings.width() + " x "
                    + settings.height() + (elementsPerPixel > 1 ? " x " + elementsPerPixel : "") + " = " + expected);
        }
    }

    /**
     * Claims a ring slot, copies the checked pixels in (the one copy on ingest) or keeps a
     * handed-over array by reference, and publishes the slot. Every claimed sequence is
     * published, even if the copy failed.
     */
    private void accept(FrameCoordinates frame, Object pixels, FrameMetadata metadata, boolean byReference) {
        writersInside.incrementAndGet();
        try {
            long sequence = enter(frame);
            long start = System.nanoTime();
            FrameSlot slot = ring.slot(sequence);
            try {
                if (byReference) {
                    slot.handOver(pixels);
                } else {
                    copyInto(slot.bufferToFill(), pixels);
                }
            } finally {
                // null is "nothing known": a script passing it must not lose the table of every other frame
                slot.assign(frame, metadata == null ? FrameMetadata.NONE : metadata);
                ring.publish(sequence);
                counters.ingestNanos.add(System.nanoTime() - start);
                counters.framesAccepted.increment();
            }
        } finally {
            writersInside.decrementAndGet();
        }
    }

    private void copyInto(PixelBuffer target, Object pixels) {
        if (pixels instanceof ByteBuffer) {
            target.put((ByteBuffer) pixels, settings.pixelType().bytesPerSample());
        } else {
            target.putArray(pixels);
        }
    }

    /**
     * Checks state and coordinates, then claims a ring slot for the frame. The caller has
     * counted itself in {@link #writersInside} first: {@link #close} sets the state and then
     * waits for that count to reach zero, so a frame either sees the writer closing and is
     * refused, or is published before the ring is drained. Never accepted and then lost.
     */
    private long enter(FrameCoordinates frame) {
        if (state != State.OPEN) {
            throw new IllegalStateException("the writer of " + store.describe() + " is finished; frame " + frame
                    + " was not written");
        }
        failure.throwIfFailed();
        ledger.reserve(frame);
        try {
            return ring.claim();
        } catch (RuntimeException e) {
            ledger.release(frame);
            throw e;
        }
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
        failure.throwIfFailed(failureOutcome());
    }

    /** What a failed run saved, for the end of the failure's message. */
    private String failureOutcome() {
        String dataset = store.describe();
        return "; " + statistics().framesWritten() + " frames were written before the failure"
                + (shardsLeftUnfinished ? ", some into shards that could not be completed: `zarrscope recover " + dataset
                        + "` makes those readable" : " and are readable as they are (recover has nothing to add)")
                + (finalStatusWritten ? "; the dataset is marked failed" : "; the dataset could not be marked failed "
                        + "(it still says acquiring; `zarrscope recover " + dataset + "` marks it recovered)");
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
            writeFinalMetadata(status);
        } finally {
            ShutdownFinisher.unregister(this);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return whether this thread was interrupted while waiting */
    private boolean writeEverythingAccepted() {
        try {
            while (writersInside.get() > 0) {
                LockSupport.parkNanos(WRITER_POLL_NANOS);
            }
            ring.drain();
            assembler.flushOpenChunks();
            if (streamingPyramid != null) {
                streamingPyramid.flushOpenChunks();
            }
            return writers.shutdownAndWait() | Thread.interrupted();
        } finally {
            closedNanos = System.nanoTime();
            state = State.CLOSED;
        }
    }

    /**
     * Completes the full-resolution shards, the pyramid and the metadata, then forces them to the
     * disk (a durable store). After a failure (a full disk) the space reserve is already free for
     * the writes that make the frames on disk readable, and they come first: the shard indexes,
     * then the status; the pyramid, which is not declared then, comes after them.
     */
    private void writeFinalMetadata(String status) throws IOException {
        IOException metadataFailure = attempt(null, reserve::release);
        completeShards();
        int timePoints = settings.isTimeUnbounded() ? ledger.highestTime() + 1 : settings.timePoints();
        boolean failedInTheRun = failure.hasFailed();
        if (!failedInTheRun) {
            completePyramid(timePoints); // before the metadata that declares its levels
        }
        String finalStatus = failure.hasFailed() ? "failed" : status;
        // each step is tried even when an earlier one failed: each holds what the others lack
        metadataFailure = attempt(metadataFailure, () -> {
            writeMetadata(timePoints, finalStatus, contrast.windows());
            finalStatusWritten = true;
        });
        if (failedInTheRun) {
            completePyramid(timePoints);
        }
        metadataFailure = attempt(metadataFailure, frameTable::save);
        metadataFailure = attempt(metadataFailure, () -> OmeXmlDocument.write(store, settings, timePoints,
                FrameTableReader.read(store, OmeXmlDocument.MAX_MIRRORED_FRAMES), openedAt));
        // last: what every step above wrote survives a power loss once finish() returns
        metadataFailure = attempt(metadataFailure, store::sync);
        if (metadataFailure != null) {
            if (!failure.hasFailed()) {
                throw metadataFailure;
            }
            // the store failed already (e.g. disk full); finish() reports that failure with this one attached
            failure.fail("cannot write the final metadata of " + store.describe() + ": " + metadataFailure.getMessage(),
                    metadataFailure);
        }
    }

    /** Gives every full-resolution shard still being filled its index. */
    private void completeShards() {
        for (ZarrArray array : fullResolution) {
            try {
                array.chunkSink().close();
            } catch (IOException e) {
                shardsLeftUnfinished = true;
                failure.fail("cannot complete the shards of " + store.describe() + ": " + e.getMessage(), e);
            }
        }
    }

    private void completePyramid(int timePoints) {
        finishStreamingPyramid(timePoints);
        buildPyramidAfterRun(timePoints);
    }

    /** A metadata step that may fail. */
    private interface MetadataStep {
        void run() throws IOException;
    }

    /** Runs a step; returns the first failure so far, later ones attached to it. */
    private static IOException attempt(IOException earlier, MetadataStep step) {
        try {
            step.run();
            return earlier;
        } catch (IOException e) {
            if (earlier == null) {
                return e;
            }
            earlier.addSuppressed(e);
            return earlier;
        }
    }

    // ---- pyramid: streaming, or after the run ------------------------------------------------

    /** Completes the streaming pyramid's level arrays; they are declared unless a chunk failed. */
    private void finishStreamingPyramid(int timePoints) {
        if (streamingPyramid == null) {
            return;
        }
        try {
            streamingPyramid.finish(timePoints);
            if (!failure.hasFailed()) {
                declaredLevels = plan.levels().count();
            }
        } catch (IOException e) {
            failure.fail("cannot complete the pyramid of " + store.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds the reduced levels from the full-resolution chunks now on disk (also of an aborted
     * run: what was acquired is worth viewing), unless a chunk failed. The levels are declared in
     * {@code multiscales} only after all of them are complete.
     */
    private void buildPyramidAfterRun(int timePoints) {
        if (failure.hasFailed() || shuttingDown || settings.pyramid() != PyramidMode.AFTER || plan.levels().count() < 2) {
            return;
        }
        // counted apart from the acquisition's counters, whose MB/s and ratio describe the camera's data
        ChunkEncoder encoder = new ChunkEncoder(settings.codec(), settings.pixelType().bytesPerSample(),
                plan.memory().codecBufferBytes(), new PipelineCounters());
        PyramidBuilder builder = new PyramidBuilder(plan.levels(), settings.writerThreads(), plan.memory().pixelsOnHeap(),
                layout, store, imagePaths(), encoder, (done, total) -> {
            counters.pyramidChunksTotal.set(total);
            counters.pyramidChunksDone.set(done);
        });
        try {
            builder.build(timePoints);
            declaredLevels = plan.levels().count();
        } catch (IOException e) {
            failure.fail("cannot build the pyramid of " + store.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The pixel observers: contrast estimation and, when streaming, the pyramid. */
    private List<EventHandler<FrameSlot>> observers() {
        List<EventHandler<FrameSlot>> observers = new ArrayList<>();
        observers.add(contrast);
        if (streamingPyramid != null) {
            observers.add(streamingPyramid);
        }
        return observers;
    }

    /** The chunk buffers of each reduced level of a streaming pyramid, as the memory plan divides them. */
    private List<BufferPool> levelPools(MemoryPlan memory) {
        List<BufferPool> pools = new ArrayList<>();
        for (int k = 1; k < plan.levels().count(); k++) {
            pools.add(new BufferPool(Math.toIntExact(plan.levels().level(k).chunkBytes()), memory.levelChunkBuffers(k),
                    memory.pixelsOnHeap()));
        }
        return pools;
    }

    private List<String> imagePaths() {
        List<String> paths = new ArrayList<>();
        for (int position = 0; position < settings.positionCount(); position++) {
            paths.add(images.imagePath(position));
        }
        return paths;
    }

    // ------------------------------------------------------------------------------------------

    private void timePointsGrew(int timePoints) throws IOException {
        for (ZarrArray array : fullResolution) {
            array.writeArray(timePoints);
        }
        counters.metadataUpdates.increment();
    }

    /**
     * @param windows the contrast windows of the stored channels, or {@code null} while no data
     *                is known (the windows then span the pixel type)
     */
    private void writeMetadata(int timePoints, String status, List<ContrastWindow> windows) throws IOException {
        images.writeGroups(layout, ZarrscopeAttributes.root(settings, status));
        ObjectNode omero = OmeroMetadata.of(settings, windows);
        for (int position = 0; position < settings.positionCount(); position++) {
            ObjectNode ome = ZarrJson.MAPPER.createObjectNode();
            ome.putArray("multiscales").add(NgffImageMetadata.multiscale(settings,
                    settings.positions().get(position).name(), declaredLevels));
            ome.set("omero", omero);
            // the array before the group whose multiscales names it: a writer killed between the two
            // must not leave a group that declares an array readers cannot find (docs/reliability.md)
            fullResolution.get(position).writeArray(timePoints);
            layout.writeGroup(images.imagePath(position), ome, ZarrscopeAttributes.image(settings, position, status));
        }
    }

    /** A snapshot of the counters; cheap enough to call for a progress display. */
    public WriterStatistics statistics() {
        long end = state == State.CLOSED ? closedNanos : System.nanoTime();
        return new WriterStatistics(counters, tilesPerFrame, ring.slots(), end - openedNanos,
                plan.memory().plannedBytes());
    }
}
