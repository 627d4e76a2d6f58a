package org.zarrscope.chunk;

import com.lmax.disruptor.EventHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.zarrscope.Axis;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.ingest.FrameSlot;
import org.zarrscope.ingest.FailureLatch;
import org.zarrscope.memory.BufferPool;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.stats.PipelineCounters;
import org.zarrscope.zarr.ArrayLayout;
import org.zarrscope.zarr.ChunkSink;

/**
 * Places each camera frame into the chunks it belongs to, on the ring's single consumer thread,
 * and hands every chunk that has received all its planes to the {@link ChunkWriterPool}. Frames
 * may come in any order; a chunk stays open until its last plane arrives, and
 * {@link #flushOpenChunks()} writes the ones that never will (an early stop) with the fill value.
 *
 * <p>A frame handed over as an array is read in place: its tiles are gathered straight from it, by
 * the writer threads when each tile is a chunk of its own. When a chunk is exactly one frame
 * copied into a ring slot, the slot's buffer itself becomes the chunk and an empty pool buffer
 * takes its place in the slot: the pixels are never copied a second time.
 *
 * <p>Each stage position is its own image, so its chunks go to its own array's {@link ChunkSink}.
 * The same assembler places reduced planes into the chunks of a pyramid level
 * ({@link #placeFrame}), given that level's layout and arrays.
 */
public final class ChunkAssembler implements EventHandler<FrameSlot> {
    /** How long to wait for a free chunk buffer before checking whether one can ever come back. */
    private static final long BUFFER_WAIT_MILLIS = 200;

    /** Told when an unbounded time axis must grow, before any chunk of the new time point is written. */
    public interface TimeAxisListener {
        void timePointsGrew(int timePoints) throws IOException;
    }

    private final ArrayLayout layout;
    private final ChunkGrid grid;
    private final BufferPool pool;
    private final ChunkWriterPool writers;
    private final PipelineCounters counters;
    private final FailureLatch failure;
    private final TimeAxisListener timeAxis;
    private final List<ChunkSink> sinks;
    private final Map<Long, OpenChunk> open = new HashMap<>();
    private final boolean wholeFrameChunks;
    private final int chunkBytes;
    /**
     * Whether the writer threads gather a handed-over frame's tiles: each chunk is one tile of one
     * frame, and the memory plan pays for the frames their queued tiles hold.
     */
    private final boolean writersGather;
    private final TileCopier tiles;
    /** Tiles of a handed-over frame per writer task, when the writer threads gather them. */
    private final int tilesPerTask;
    private int publishedTimePoints;

    /**
     * @param sinks              the array of each stage position, in position order
     * @param writersGatherTiles whether the writer threads gather a handed-over frame's tiles
     *                           (the memory plan's choice: it pays for the frames they hold)
     */
    public ChunkAssembler(ArrayLayout layout, boolean writersGatherTiles, List<ChunkSink> sinks, BufferPool pool,
                          ChunkWriterPool writers, PipelineCounters counters, FailureLatch failure,
                          TimeAxisListener timeAxis) {
        this.layout = layout;
        this.sinks = sinks;
        this.grid = new ChunkGrid(layout);
        this.pool = pool;
        this.writers = writers;
        this.counters = counters;
        this.failure = failure;
        this.timeAxis = timeAxis;
        this.wholeFrameChunks = grid.chunkIsWholeFrame();
        this.chunkBytes = Math.toIntExact(layout.chunkBytes());
        this.writersGather = writersGatherTiles;
        this.tiles = new TileCopier(layout, grid);
        this.tilesPerTask = grid.tilesPerWriterTask();
    }

    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) throws Exception {
        if (failure.hasFailed()) {
            return; // the writer has failed loudly already; frames still in the ring are not written
        }
        long start = System.nanoTime();
        FrameCoordinates frame = slot.coordinates();
        growTimeAxis(frame.time());
        Object handedOver = slot.handedOver();
        if (handedOver != null && writersGather) {
            handTilesToWriters(frame, handedOver);
        } else if (wholeFrameChunks) {
            int[] index = {frame.time(), frame.channel(), frame.z(), 0, 0};
            writers.submit(sinks.get(frame.position()), index, wholeFrameChunk(slot, handedOver), pool, chunkBytes, 1);
        } else if (handedOver == null || handedOver instanceof byte[]) {
            placeTiles(frame, slot.bytes(), null, 1);
        } else {
            placeTiles(frame, null, handedOver, 1);
        }
        counters.assemblyNanos.add(System.nanoTime() - start);
    }

    /**
     * Each tile of a handed-over frame is a whole chunk: the writer thread that compresses it
     * gathers it from the frame too, into a buffer then still in its cache, and the gathering is
     * shared among the writer threads, a run of consecutive tiles per task
     * ({@link ChunkGrid#tilesPerWriterTask}). The frame stays referenced until its last tile is
     * gathered; the writer queue's bound (the memory plan's writer queue) bounds how many frames are.
     */
    private void handTilesToWriters(FrameCoordinates frame, Object handedOver) throws InterruptedException {
        ByteBuffer bytes = handedOver instanceof byte[] ? ByteBuffer.wrap((byte[]) handedOver) : null;
        Object samples = bytes == null ? handedOver : null;
        ChunkSink sink = sinks.get(frame.position());
        int tileCount = grid.tilesY() * grid.tilesX();
        for (int first = 0; first < tileCount; first += tilesPerTask) {
            int[][] chunkIndices = new int[Math.min(tilesPerTask, tileCount - first)][];
            for (int i = 0; i < chunkIndices.length; i++) {
                int tile = first + i;
                chunkIndices[i] = new int[] {frame.time(), frame.channel(), frame.z(), tile / grid.tilesX(),
                        tile % grid.tilesX()};
            }
            writers.submitRun(sink, chunkIndices, acquireBuffer(), pool, chunkBytes, 1, (buffer, chunk) -> {
                int tileY = chunkIndices[chunk][3];
                int tileX = chunkIndices[chunk][4];
                if (!grid.oneTileFills(tileY, tileX)) {
                    buffer.clear(chunkBytes);
                }
                tiles.copy(bytes == null ? null : bytes.duplicate(), samples, buffer, buffer.bytes(), 0, tileY, tileX, 0);
            });
        }
    }

    /**
     * A chunk that is the whole frame: the slot's buffer itself, an empty pool buffer taking its
     * place, or a handed-over array's one copy, made here so that the array leaves with the ring slot.
     */
    private PixelBuffer wholeFrameChunk(FrameSlot slot, Object handedOver) throws InterruptedException {
        PixelBuffer chunk = acquireBuffer();
        if (handedOver == null) {
            return slot.exchangeBuffer(chunk);
        }
        chunk.putArray(handedOver);
        return chunk;
    }

    /**
     * Copies a plane of this assembler's frame size (little-endian samples, as a ring slot holds
     * them) into its chunks, submitting those it completes. For pyramid levels, whose chunks
     * count no camera frames.
     */
    public void placeFrame(FrameCoordinates frame, ByteBuffer plane) throws IOException, InterruptedException {
        growTimeAxis(frame.time());
        placeTiles(frame, plane, null, 0);
    }

    private void growTimeAxis(int time) throws IOException {
        if (layout.isTimeUnbounded() && time >= publishedTimePoints) {
            publishedTimePoints = time + 1;
            timeAxis.timePointsGrew(publishedTimePoints);
        }
    }

    /**
     * @param bytes         the frame as little-endian bytes, or {@code null} when it is {@code samples}
     * @param samples       a handed-over {@code short[]}, {@code int[]} or {@code float[]} frame, read in place
     * @param framesPerTile frame tiles each placed tile counts for in the frames-written count
     */
    private void placeTiles(FrameCoordinates frame, ByteBuffer bytes, Object samples, int framesPerTile)
            throws InterruptedException {
        int components = layout.pixelType().storedChannelsPerFrame();
        for (int component = 0; component < components; component++) {
            int storedChannel = frame.channel() * components + component;
            for (int tileY = 0; tileY < grid.tilesY(); tileY++) {
                for (int tileX = 0; tileX < grid.tilesX(); tileX++) {
                    long id = chunkId(frame.position(), frame.time(), storedChannel, frame.z(), tileY, tileX);
                    OpenChunk chunk = openChunk(id, frame, storedChannel, tileY, tileX);
                    tiles.copy(bytes, samples, chunk.buffer, chunk.target, planeIndex(frame, storedChannel), tileY, tileX,
                            component);
                    chunk.planesReceived++;
                    chunk.frameTiles += framesPerTile;
                    if (chunk.isComplete()) {
                        open.remove(id);
                        writers.submit(chunk.sink, chunk.index, chunk.buffer, pool, chunkBytes, chunk.frameTiles);
                    }
                }
            }
        }
    }

    private OpenChunk openChunk(long id, FrameCoordinates frame, int storedChannel, int tileY, int tileX)
            throws InterruptedException {
        OpenChunk chunk = open.get(id);
        if (chunk == null) {
            int tChunk = frame.time() / grid.chunk(Axis.TIME);
            int cChunk = storedChannel / grid.chunk(Axis.CHANNEL);
            int zChunk = frame.z() / grid.chunk(Axis.Z);
            PixelBuffer buffer = acquireBuffer();
            if (!grid.oneTileFills(tileY, tileX)) {
                buffer.clear(chunkBytes); // what no plane covers reads as the fill value
            }
            chunk = new OpenChunk(sinks.get(frame.position()), new int[] {tChunk, cChunk, zChunk, tileY, tileX}, buffer,
                    grid.planesExpected(tChunk, cChunk, zChunk));
            open.put(id, chunk);
        }
        return chunk;
    }

    /** The plane of its chunk a frame's tile goes to. */
    private int planeIndex(FrameCoordinates frame, int storedChannel) {
        return ((frame.time() % grid.chunk(Axis.TIME)) * grid.chunk(Axis.CHANNEL)
                + storedChannel % grid.chunk(Axis.CHANNEL)) * grid.chunk(Axis.Z) + frame.z() % grid.chunk(Axis.Z);
    }

    /**
     * Identifies a chunk by its position and indices; time is outermost so an unbounded time axis
     * cannot collide.
     */
    private long chunkId(int position, int time, int storedChannel, int z, int tileY, int tileX) {
        long tChunk = time / grid.chunk(Axis.TIME);
        long cChunks = ChunkGrid.ceilDiv(layout.storedChannels(), grid.chunk(Axis.CHANNEL));
        long zChunks = ChunkGrid.ceilDiv(layout.zSlices(), grid.chunk(Axis.Z));
        long id = ((tChunk * sinks.size() + position) * cChunks + storedChannel / grid.chunk(Axis.CHANNEL))
                * zChunks + z / grid.chunk(Axis.Z);
        return (id * grid.tilesY() + tileY) * grid.tilesX() + tileX;
    }

    /**
     * A free chunk buffer, waiting while the writer threads work. If none can ever come back
     * (every buffer holds a partly filled chunk and none is being written) the budget cannot hold
     * this acquisition order, and waiting would deadlock: fail instead.
     */
    private PixelBuffer acquireBuffer() throws InterruptedException {
        while (true) {
            PixelBuffer buffer = pool.acquire(BUFFER_WAIT_MILLIS);
            if (buffer != null) {
                return buffer;
            }
            if (writers.inFlight() == 0 && (buffer = pool.acquire(0)) != null) {
                return buffer; // a writer released it just after the wait timed out
            }
            if (writers.inFlight() == 0) {
                throw new IllegalStateException("the memory budget is exhausted by " + open.size()
                        + " partly filled chunks and none is being written; frames arrive in an order that keeps more "
                        + "chunks open than planned for the declared acquisition order: raise the memory budget, "
                        + "declare the real acquisition order, or use smaller chunks");
            }
        }
    }

    /**
     * Writes every chunk that is still open, with fill values where planes never arrived. Call
     * after the ring has been drained, from the thread that drained it.
     */
    public void flushOpenChunks() {
        for (OpenChunk chunk : new ArrayList<>(open.values())) {
            writers.submit(chunk.sink, chunk.index, chunk.buffer, pool, chunkBytes, chunk.frameTiles);
        }
        open.clear();
    }
}
