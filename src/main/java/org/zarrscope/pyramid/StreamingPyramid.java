package org.zarrscope.pyramid;

import com.lmax.disruptor.EventHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.chunk.ChunkAssembler;
import org.zarrscope.chunk.ChunkWriterPool;
import org.zarrscope.ingest.FailureLatch;
import org.zarrscope.ingest.FrameSlot;
import org.zarrscope.memory.BufferPool;
import org.zarrscope.stats.PipelineCounters;
import org.zarrscope.zarr.ArrayLayout;
import org.zarrscope.zarr.ChunkSink;
import org.zarrscope.zarr.ZarrArray;
import org.zarrscope.zarr.ZarrLayout;

/**
 * The pyramid built while frames arrive ({@code PyramidMode.STREAMING}): a pixel observer of the
 * ingest ring that reduces each camera frame to every level as it comes, level {@code k} from
 * level {@code k − 1} with the same {@link PlaneReducer} as the after-run {@link PyramidBuilder}
 * (so the pixels are identical), and places the reduced planes into each level's chunks with a
 * {@link ChunkAssembler} of the level's layout. Complete level chunks go to the writer's
 * {@link ChunkWriterPool} beside level 0's. Finishing then only flushes the level chunks still
 * open, instead of reading the whole run back.
 *
 * <p>It runs on its own ring thread before the full-resolution assembler (which may take the
 * slot's pixel buffer). Its memory is part of the writer's memory plan: one reduced plane
 * per level ({@link #scratchBytes}) and a chunk buffer pool per level. What it costs: one pass
 * over each frame's pixels per level (about 1.3 passes in all), on one core.
 */
public final class StreamingPyramid implements EventHandler<FrameSlot>, PyramidStage {
    private final ArrayLayout levelZero;
    private final PlaneReducer reducer;
    private final FailureLatch failure;
    private final PipelineCounters counters;
    private final List<Level> levels = new ArrayList<>();
    private final int levelCount;
    private final int bytesPerSample;
    /** RGB only: one colour of the camera frame, the level-0 plane the colour's pyramid starts from. */
    private final ByteBuffer colour;

    /** One reduced level: its arrays (one per image), chunk assembly and reduced plane. */
    private static final class Level {
        final ArrayLayout layout;
        final List<ZarrArray> arrays;
        final ChunkAssembler assembler;
        /** The reduced plane of one stored channel, little-endian. */
        final ByteBuffer plane;
        /** RGB only: the three reduced colours as B, G, R, A pixels, the layout the assembler takes apart. */
        final ByteBuffer rgb;

        Level(ArrayLayout layout, List<ZarrArray> arrays, ChunkAssembler assembler, ByteBuffer plane,
              ByteBuffer rgb) {
            this.layout = layout;
            this.arrays = arrays;
            this.assembler = assembler;
            this.plane = plane;
            this.rgb = rgb;
        }
    }

    /**
     * Declares nothing yet: each level array's metadata is written here and as the time axis
     * grows, and the levels join {@code multiscales} when the run is finished.
     *
     * @param pools       the chunk buffers of every reduced level ({@code pools.get(k - 1)} for level
     *                    {@code k}), as the memory plan divides them
     * @param imagePaths  the image group of each stage position, in position order
     */
    public StreamingPyramid(ResolutionLevels levels, List<BufferPool> pools, ZarrLayout layout, List<String> imagePaths,
                            ChunkWriterPool writers, PipelineCounters counters, FailureLatch failure)
            throws IOException {
        this.levelZero = levels.fullResolution();
        this.levelCount = levels.count();
        this.reducer = PlaneReducer.of(levels.downsampling(), levelZero.pixelType());
        this.failure = failure;
        this.counters = counters;
        this.bytesPerSample = levelZero.pixelType().bytesPerSample();
        boolean rgb = levelZero.pixelType() == PixelType.RGB8;
        this.colour = rgb ? allocate(levelZero.width() * levelZero.height()) : null;
        for (int k = 1; k < levels.count(); k++) {
            ArrayLayout level = levels.level(k);
            List<ZarrArray> arrays = new ArrayList<>();
            List<ChunkSink> sinks = new ArrayList<>();
            for (String imagePath : imagePaths) {
                ZarrArray array = layout.array(level, ZarrLayout.join(imagePath, Integer.toString(k)));
                array.writeArray(level.isTimeUnbounded() ? 0 : level.timePoints());
                arrays.add(array);
                sinks.add(array.chunkSink());
            }
            // reduced planes are the pyramid's own, never handed over: the assembler gathers them
            ChunkAssembler assembler = new ChunkAssembler(level, false, sinks, pools.get(k - 1), writers, counters, failure,
                    timePoints -> {
                        for (ZarrArray array : arrays) {
                            array.writeArray(timePoints);
                        }
                    });
            int planeSamples = level.width() * level.height();
            this.levels.add(new Level(level, arrays, assembler, allocate(planeSamples * bytesPerSample),
                    rgb ? allocate(planeSamples * PixelType.RGB8.inputBytesPerPixel()) : null));
        }
    }

    /**
     * Bytes of the reduced planes a streaming pyramid of these levels keeps (one per level;
     * for RGB also each level's B, G, R, A frame and one colour of the camera frame), for the
     * memory plan.
     */
    public static long scratchBytes(List<ArrayLayout> levels) {
        ArrayLayout full = levels.get(0);
        boolean rgb = full.pixelType() == PixelType.RGB8;
        long bytes = rgb ? (long) full.width() * full.height() : 0;
        for (int k = 1; k < levels.size(); k++) {
            long samples = (long) levels.get(k).width() * levels.get(k).height();
            bytes += samples * full.pixelType().bytesPerSample()
                    + (rgb ? samples * PixelType.RGB8.inputBytesPerPixel() : 0);
        }
        return bytes;
    }

    private static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) throws Exception {
        if (failure.hasFailed()) {
            return; // the writer has failed loudly already, as the assembler does
        }
        long start = System.nanoTime();
        FrameCoordinates frame = slot.coordinates();
        if (colour == null) {
            // a handed-over array is read in place, row pair by row pair, as a slot's buffer is
            Object handedOver = slot.handedOver();
            reduceThroughEveryLevel(handedOver, handedOver == null ? slot.bytes() : null, false, 0);
        } else {
            ByteBuffer camera = slot.bytes();
            for (int component = 0; component < PixelType.RGB8.storedChannelsPerFrame(); component++) {
                takeColour(camera, component);
                reduceThroughEveryLevel(null, colour, true, component);
            }
        }
        for (Level level : levels) {
            ByteBuffer placed = level.rgb != null ? level.rgb : level.plane;
            level.assembler.placeFrame(frame, placed);
            placed.clear(); // the assembler moves position and limit; the next reduction reads it whole
        }
        counters.pyramidNanos.add(System.nanoTime() - start);
    }

    /**
     * Reduces a level-0 plane to level 1, that to level 2, and so on.
     *
     * @param frameArray     the handed-over frame array level 0 is, when {@code fullResolution} is {@code null}
     * @param fullResolution level 0 as little-endian bytes, or {@code null}
     */
    private void reduceThroughEveryLevel(Object frameArray, ByteBuffer fullResolution, boolean rgb, int component) {
        ByteBuffer above = fullResolution;
        int width = levelZero.width();
        int height = levelZero.height();
        for (Level level : levels) {
            int levelWidth = level.layout.width();
            if (above == null) {
                reducer.reduceFrame(frameArray, height, width, level.plane, levelWidth * bytesPerSample);
            } else {
                reducer.reducePlane(above, 0, width * bytesPerSample, height, width, level.plane, 0,
                        levelWidth * bytesPerSample);
            }
            if (rgb) {
                putColour(level.plane, level.rgb, component);
            }
            above = level.plane;
            width = levelWidth;
            height = level.layout.height();
        }
    }

    /** Copies colour {@code component} (0 red, 1 green, 2 blue) of B, G, R, A pixels into {@link #colour}. */
    private void takeColour(ByteBuffer bgra, int component) {
        int byteInPixel = 2 - component;
        for (int i = 0; i < colour.capacity(); i++) {
            colour.put(i, bgra.get(i * 4 + byteInPixel));
        }
    }

    private static void putColour(ByteBuffer plane, ByteBuffer bgra, int component) {
        int byteInPixel = 2 - component;
        for (int i = 0; i < plane.capacity(); i++) {
            bgra.put(i * 4 + byteInPixel, plane.get(i));
        }
    }

    @Override
    public int levels() {
        return levelCount;
    }

    /** Itself: it reduces every frame as it arrives, from its ring slot or its handed-over array. */
    @Override
    public List<EventHandler<FrameSlot>> frameObservers() {
        return Collections.singletonList(this);
    }

    /**
     * Writes every level chunk still open, with fill values where planes never arrived. Call after
     * the ring has been drained, before the writer threads stop.
     */
    @Override
    public void flushOpenChunks() {
        for (Level level : levels) {
            level.assembler.flushOpenChunks();
        }
    }

    /**
     * After the writer threads stopped: completes the level shards and writes each level array's
     * metadata with the run's final time extent, also of a failed run: the levels hold what level
     * 0 holds.
     */
    @Override
    public boolean complete(int timePoints, boolean quickly) throws IOException {
        IOException first = null;
        for (Level level : levels) {
            for (ZarrArray array : level.arrays) {
                try {
                    array.chunkSink().close();
                    array.writeArray(timePoints);
                } catch (IOException e) { // go on: the other arrays still get completed
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return true;
    }
}
