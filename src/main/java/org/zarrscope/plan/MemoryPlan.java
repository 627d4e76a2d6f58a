package org.zarrscope.plan;

import java.util.Collections;
import java.util.List;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.Axis;
import org.zarrscope.SettingsException;
import org.zarrscope.chunk.ChunkGrid;
import org.zarrscope.codec.Codec;
import org.zarrscope.pyramid.ResolutionLevels;
import org.zarrscope.pyramid.StreamingPyramid;
import org.zarrscope.zarr.ArrayLayout;

/**
 * How the memory budget is divided, decided before the first frame: ring slots (camera frames
 * waiting to be placed, copied or handed over), chunk buffers (chunks being filled or compressed),
 * one compression output buffer per writer thread, the handed-over frames whose tiles are still
 * queued and, with a streaming pyramid, each reduced level's chunk buffers and reduced plane.
 *
 * <p>The minimum comes from the acquisition order: a chunk spanning several z slices stays open
 * until its last slice arrives, and with an order that visits other channels or positions in
 * between, all their chunks are open at once. A budget below the minimum is refused here rather
 * than deadlocking mid-acquisition.
 */
public final class MemoryPlan {
    private static final int MIN_RING_SLOTS = 2;
    private static final int MAX_RING_SLOTS = 1024;
    private static final int MAX_POOL_BUFFERS = 65536;
    /** Shards filled at once; each keeps two files open, well within every OS's default limit. */
    private static final int MAX_OPEN_SHARDS = 256;
    /**
     * Writer tasks (a chunk, or a run of a frame's tiles) queued or being written per writer
     * thread when the budget allows: few, so that a chunk is compressed while the bytes just
     * gathered into it are still in the processor's cache.
     */
    private static final int QUEUED_TASKS_PER_THREAD = 4;

    private final int ringSlots;
    private final int frameBytes;
    private final int chunkBuffers;
    private final int chunkBytes;
    private final int codecBufferBytes;
    private final long codecBytesAllThreads;
    private final int maxOpenChunks;
    private final int maxOpenShards;
    private final int[] levelChunkBuffers;
    private final long pyramidBytes;
    private final long heldFrameBytes;
    private final int writerQueue;
    private final boolean writersGatherTiles;
    private final boolean pixelsOnHeap;

    private MemoryPlan(int ringSlots, int frameBytes, int chunkBuffers, int chunkBytes, int codecBufferBytes,
                       long codecBytesAllThreads, int maxOpenChunks, int maxOpenShards, int[] levelChunkBuffers,
                       long pyramidBytes,
                       long heldFrameBytes, int writerQueue, boolean writersGatherTiles, boolean pixelsOnHeap) {
        this.ringSlots = ringSlots;
        this.frameBytes = frameBytes;
        this.chunkBuffers = chunkBuffers;
        this.chunkBytes = chunkBytes;
        this.codecBufferBytes = codecBufferBytes;
        this.codecBytesAllThreads = codecBytesAllThreads;
        this.maxOpenChunks = maxOpenChunks;
        this.maxOpenShards = maxOpenShards;
        this.levelChunkBuffers = levelChunkBuffers;
        this.pyramidBytes = pyramidBytes;
        this.heldFrameBytes = heldFrameBytes;
        this.writerQueue = writerQueue;
        this.writersGatherTiles = writersGatherTiles;
        this.pixelsOnHeap = pixelsOnHeap;
    }

    /**
     * Divides {@code budget} for writing these levels' arrays, or throws {@link SettingsException}
     * naming {@code memoryBudget} (or the chunk or shard shape that no budget could hold).
     *
     * @param streaming whether the reduced levels are built while frames arrive, from the budget
     * @param positions stage positions, each an image with its own chunks
     * @param threads   writer threads, each compressing one chunk at a time
     */
    public static MemoryPlan of(ResolutionLevels levels, boolean streaming, AcquisitionOrder order, int positions,
                                long budget, int threads) {
        ArrayLayout full = levels.fullResolution();
        int frameBytes = full.frameBytes();
        int chunkBytes = Math.toIntExact(full.chunkBytes());
        int codecBytes = 0;
        long codecWorkingBytes = 0;
        boolean onHeap = false;
        if (full.codec().compresses()) {
            Codec probe = full.codec().newCodec(full.pixelType().bytesPerSample());
            codecBytes = probe.maxCompressedLength(chunkBytes);
            codecWorkingBytes = probe.workingBytes(chunkBytes);
            onHeap = probe.readsWholeArrays() && fitsOnHeap(budget);
        }
        int open = maxOpenChunks(full, order, positions);
        int openShards = full.isSharded() ? maxOpenBlocks(full, order, positions, full.shardShape(), "shard") : 0;
        if (openShards > MAX_OPEN_SHARDS) {
            throw new SettingsException("shard", openShards + " shards would be filled at once in order " + order
                    + " (two open files each); at most " + MAX_OPEN_SHARDS + ": make shards smaller along the axes "
                    + "inside the outermost one they span, or larger in y/x");
        }
        int minBuffers = open + threads + 1;
        long codecFixed = threads * (codecBytes + codecWorkingBytes);
        long fixed = codecFixed;
        StreamingLevels pyramid = new StreamingLevels(streaming ? levels : null, order, positions, threads);
        long minimum = fixed + (long) MIN_RING_SLOTS * frameBytes + (long) minBuffers * chunkBytes + pyramid.minimumBytes;
        if (budget < minimum) {
            throw new SettingsException("memoryBudget", mib(budget) + " is too small: these frames and chunks need at least "
                    + mib(minimum) + " (" + open + " partly filled chunks of " + mib(chunkBytes) + " at once in order "
                    + order + ", plus " + threads + " being compressed and " + MIN_RING_SLOTS
                    + " ring slots"
                    + (pyramid.minimumBytes > 0 ? ", plus " + mib(pyramid.minimumBytes)
                    + " for the streaming pyramid's levels" : "") + "); raise the budget, use smaller chunks or an "
                    + "acquisition order that fills them in turn");
        }
        long maxMemory = Runtime.getRuntime().maxMemory();
        if (budget > maxMemory) {
            throw new SettingsException("memoryBudget", mib(budget) + " exceeds the Java memory limit of " + mib(maxMemory)
                    + "; lower the budget or raise -Xmx (and -XX:MaxDirectMemorySize if set)");
        }
        // Half of what is left beyond the minimum goes to ring slots: they absorb bursts while
        // the codecs catch up. The other half lets more chunks be compressed and written at once.
        long spare = budget - minimum;
        // The writer queue, and whether the writer threads gather handed-over tiles: frames whose
        // tiles wait in the queue are held beyond the ring, so both are bought from the spare. A
        // long queue (4 tasks per thread) if a quarter of it pays for the frames it holds, else
        // every thread busy and one more; if even that is too dear, the assembler gathers tiles itself.
        ChunkGrid grid = new ChunkGrid(full);
        int longQueue = QUEUED_TASKS_PER_THREAD * threads;
        int shortQueue = threads + 1;
        long heldLong = framesHeldByQueuedTiles(grid, longQueue) * frameBytes;
        long heldShort = framesHeldByQueuedTiles(grid, shortQueue) * frameBytes;
        int writerQueue = heldLong <= spare / 4 ? longQueue : shortQueue;
        long held = writerQueue == longQueue ? heldLong : heldShort <= spare / 2 ? heldShort : 0;
        boolean writersGather = held > 0;
        spare -= held;
        long slotsAffordable = MIN_RING_SLOTS + spare / 2 / frameBytes;
        int slots = Integer.highestOneBit((int) Math.min(MAX_RING_SLOTS, slotsAffordable));
        long forBuffers = budget - codecFixed - held - (long) slots * frameBytes - pyramid.minimumBytes;
        if (minBuffers > MAX_POOL_BUFFERS) {
            throw new SettingsException("chunk", open + " chunks would be partly filled at once in order " + order
                    + "; at most " + (MAX_POOL_BUFFERS - threads - 1) + ": use larger chunks in y/x or an order that "
                    + "fills them in turn");
        }
        // A streaming pyramid's levels hold a third of level 0's data (1/4 + 1/16 + ...): they get
        // a third of what level 0 gets beyond the minimum, i.e. a quarter of the extra.
        long extra = Math.max(0, forBuffers - (long) minBuffers * chunkBytes);
        long levelsExtra = pyramid.levels() > 1 ? extra / 4 : 0;
        int buffers = (int) Math.min(MAX_POOL_BUFFERS, minBuffers + (extra - levelsExtra) / chunkBytes);
        int[] levelBuffers = pyramid.buffers(levelsExtra);
        return new MemoryPlan(slots, frameBytes, buffers, chunkBytes, codecBytes, codecFixed, open, openShards,
                levelBuffers, pyramid.bytes(levelBuffers), held, writerQueue, writersGather, onHeap);
    }

    /**
     * Handed-over frames that have left the ring but are still referenced by their queued tiles,
     * with {@code queued} writer tasks queued or being written: when each chunk is one tile of one
     * frame the writer threads gather the tiles themselves, a run of them per task.
     */
    private static long framesHeldByQueuedTiles(ChunkGrid grid, int queued) {
        if (!grid.planeChunks()) {
            return 0;
        }
        int tiles = grid.tilesY() * grid.tilesX();
        int queuedTiles = queued * grid.tilesPerWriterTask();
        return Math.min(queued, ChunkGrid.ceilDiv(queuedTiles, tiles) + 1);
    }

    /**
     * Whether the budget may live on the heap: at most half of the heap not in use now. Heap
     * buffers share the heap with the application (Micro-Manager keeps its images there), so a
     * budget that would crowd it goes off the heap, where it costs a copy per chunk, not an
     * {@code OutOfMemoryError}.
     */
    private static boolean fitsOnHeap(long budget) {
        Runtime runtime = Runtime.getRuntime();
        long inUse = runtime.totalMemory() - runtime.freeMemory();
        return budget <= (runtime.maxMemory() - inUse) / 2;
    }

    /**
     * What the levels of a streaming pyramid need: each reduced level assembles its own chunks, as
     * many open at once as level 0's order gives for the level's size, plus one reduced plane
     * ({@link StreamingPyramid#scratchBytes}). Nothing without one.
     */
    private static final class StreamingLevels {
        final int[] minimumBuffers;
        final int[] chunkBytes;
        final long scratchBytes;
        final long minimumBytes;

        /** @param levels the levels streamed, or {@code null} when the pyramid is not streamed */
        StreamingLevels(ResolutionLevels levels, AcquisitionOrder order, int positions, int threads) {
            int count = levels == null ? 1 : levels.count();
            minimumBuffers = new int[count];
            chunkBytes = new int[count];
            long minimum = 0;
            for (int k = 1; k < count; k++) {
                ArrayLayout level = levels.level(k);
                chunkBytes[k] = Math.toIntExact(level.chunkBytes());
                minimumBuffers[k] = maxOpenChunks(level, order, positions) + threads + 1;
                minimum += (long) minimumBuffers[k] * chunkBytes[k];
            }
            scratchBytes = count > 1 ? StreamingPyramid.scratchBytes(levels.layouts()) : 0;
            minimumBytes = minimum + scratchBytes;
        }

        int levels() {
            return minimumBuffers.length;
        }

        /** Each level's minimum plus its share of {@code extra}: level k's data is a quarter of level k-1's. */
        int[] buffers(long extra) {
            int[] buffers = minimumBuffers.clone();
            double weights = 0;
            for (int k = 1; k < buffers.length; k++) {
                weights += Math.pow(0.25, k);
            }
            for (int k = 1; k < buffers.length; k++) {
                long share = (long) (extra * Math.pow(0.25, k) / weights);
                buffers[k] = (int) Math.min(MAX_POOL_BUFFERS, buffers[k] + share / chunkBytes[k]);
            }
            return buffers;
        }

        long bytes(int[] buffers) {
            long bytes = scratchBytes;
            for (int k = 1; k < buffers.length; k++) {
                bytes += (long) buffers[k] * chunkBytes[k];
            }
            return bytes;
        }
    }

    /**
     * The most chunks that are partly filled at once when frames arrive in {@code order}: all
     * chunks of the axes (and stage positions) inside the outermost axis whose chunks span several
     * frames, times the y/x tiles of a plane. The same count for shards tells how many are filled
     * at once, each holding two file handles (shard and journal).
     */
    static int maxOpenChunks(ArrayLayout array, AcquisitionOrder order, int positions) {
        return maxOpenBlocks(array, order, positions, array.chunkShape(), "chunk");
    }

    private static int maxOpenBlocks(ArrayLayout array, AcquisitionOrder acquisitionOrder, int positions, int[] block,
                                     String field) {
        int[] size = array.arrayShape(1);
        List<Axis> order = acquisitionOrder.outermostFirst();
        long open = (long) ChunkGrid.ceilDiv(size[Axis.Y.dimension()], block[Axis.Y.dimension()])
                * ChunkGrid.ceilDiv(size[Axis.X.dimension()], block[Axis.X.dimension()]);
        int spanning = -1;
        for (int i = 0; i < order.size(); i++) {
            if (block[order.get(i).dimension()] > 1) {
                spanning = i;
                break;
            }
        }
        List<Axis> inside = spanning >= 0 ? order.subList(spanning + 1, order.size()) : Collections.emptyList();
        int components = array.pixelType().storedChannelsPerFrame();
        if (components > 1 && !inside.contains(Axis.CHANNEL)) {
            // one RGB frame fills three stored channels at once, which may straddle two blocks
            int c = Axis.CHANNEL.dimension();
            open *= Math.min(ChunkGrid.ceilDiv(size[c], block[c]), ChunkGrid.ceilDiv(components, block[c]) + 1);
        }
        if (spanning >= 0 && acquisitionOrder.positionDepth() > spanning) {
            open *= positions; // each position is its own image, with its own chunks
        }
        if (spanning >= 0) {
            Axis outer = order.get(spanning);
            for (Axis inner : inside) {
                if (inner == Axis.TIME && array.isTimeUnbounded()) {
                    throw new SettingsException("order", "with an unbounded time axis inside " + outer.letter() + ", "
                            + field + "s of " + block[outer.dimension()] + " along " + outer.letter()
                            + " never complete; put t outermost (e.g. tczyx) or use a " + field + " of 1 along "
                            + outer.letter());
                }
                open *= ChunkGrid.ceilDiv(size[inner.dimension()], block[inner.dimension()]);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE / 2, open);
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    /**
     * Writer tasks (a chunk, or a run of a handed-over frame's tiles) queued or being written at
     * once ({@value #QUEUED_TASKS_PER_THREAD} per writer thread when the budget affords the
     * handed-over frames their tiles hold, else one per thread and one more):
     * {@code ChunkWriterPool} waits beyond it.
     */
    public int writerQueue() { return writerQueue; }

    /**
     * Whether the writer threads gather the tiles of handed-over frames (each chunk one tile of one
     * frame, and the budget pays for the frames their queued tiles hold); otherwise the assembler
     * gathers them before the frame leaves the ring.
     */
    public boolean writersGatherTiles() { return writersGatherTiles; }

    /** Ring slots (a power of two, as the Disruptor requires). */
    public int ringSlots() { return ringSlots; }

    /**
     * Whether ring slots and chunk buffers live on the heap rather than off it: when the codec
     * reads whole Java arrays ({@link Codec#readsWholeArrays}) and the budget fits in half of the
     * heap that is free when the plan is made.
     */
    public boolean pixelsOnHeap() { return pixelsOnHeap; }

    /** Chunk buffers in the pool. */
    public int chunkBuffers() { return chunkBuffers; }

    /** Bytes of one compression output buffer (one per writer thread). */
    public int codecBufferBytes() { return codecBufferBytes; }

    /** The most chunks the acquisition order keeps partly filled at once. */
    public int maxOpenChunks() { return maxOpenChunks; }

    /** The most full-resolution shards the acquisition order keeps being filled at once; 0 without shards. */
    public int maxOpenShards() { return maxOpenShards; }

    /** Chunk buffers of pyramid level {@code level} (1 or more) of a streaming pyramid; 0 without one. */
    public int levelChunkBuffers(int level) {
        return level < levelChunkBuffers.length ? levelChunkBuffers[level] : 0;
    }

    /** The streaming pyramid's part of {@link #plannedBytes()}: level chunk buffers and reduced planes. */
    public long pyramidBytes() {
        return pyramidBytes;
    }

    /**
     * The most memory this plan can take: every slot and buffer allocated (or a handed-over frame in
     * every slot), every codec at work, handed-over frames still referenced by queued tiles.
     */
    public long plannedBytes() {
        return (long) ringSlots * frameBytes + (long) chunkBuffers * chunkBytes + codecBytesAllThreads + pyramidBytes
                + heldFrameBytes;
    }
}
