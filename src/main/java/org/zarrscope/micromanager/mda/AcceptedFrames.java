package org.zarrscope.micromanager.mda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zarrscope.FrameCoordinates;

/**
 * Which frames a {@link LiveDataset} has accepted, and the pixels of the recent ones.
 *
 * <p>A frame's pixels stay here at least until the dataset can serve it: until every piece of
 * it (each chunk or shard it spans, {@code piecesPerFrame} of them) is readable on disk. Readable
 * frames are then kept, oldest dropped first, while all kept frames together fit in
 * {@code budgetBytes}; frames not yet readable are kept whatever the budget, so an accepted frame
 * is always servable. Their number is bounded by what the writer holds unwritten (its memory
 * budget) and by the shards being filled.
 *
 * <p>The pixels are the caller's arrays, kept by reference: Micro-Manager never changes an
 * image's pixels once made, and MMCore makes a new array for each image.
 *
 * <p>Methods are synchronized: the camera thread, the writer threads (pieces readable) and the
 * viewer's threads meet here, each for a few map operations.
 */
final class AcceptedFrames {
    private final long budgetBytes;
    private final int piecesPerFrame;
    private final Set<FrameCoordinates> accepted = new HashSet<>();
    private final Map<FrameCoordinates, Kept> kept = new HashMap<>();
    private final ArrayDeque<FrameCoordinates> readableOldestFirst = new ArrayDeque<>();
    private final Map<String, Integer> maxIndex = new HashMap<>();
    private long keptBytes;
    private int confirmed;

    AcceptedFrames(long budgetBytes, int piecesPerFrame) {
        this.budgetBytes = budgetBytes;
        this.piecesPerFrame = piecesPerFrame;
    }

    /** Pixels and metadata of a frame in memory, and how many of its pieces are readable on disk. */
    static final class Kept {
        final Object pixels;
        final MdaFrameMetadata metadata;
        final long bytes;
        int piecesReadable;

        Kept(Object pixels, MdaFrameMetadata metadata, long bytes) {
            this.pixels = pixels;
            this.metadata = metadata;
            this.bytes = bytes;
        }
    }

    /**
     * Takes a frame before it goes to the writer (whose chunks may be readable as soon as the
     * writer has it). False if it was accepted before.
     */
    synchronized boolean accept(FrameCoordinates frame, Object pixels, MdaFrameMetadata metadata, long bytes) {
        if (!accepted.add(frame)) {
            return false;
        }
        kept.put(frame, new Kept(pixels, metadata, bytes));
        keptBytes += bytes;
        dropOverBudget();
        return true;
    }

    /** Forgets a frame the writer refused. */
    synchronized void withdraw(FrameCoordinates frame) {
        accepted.remove(frame);
        Kept removed = kept.remove(frame);
        if (removed != null) {
            keptBytes -= removed.bytes;
        }
    }

    /** The writer has the frame: it counts, and its indices raise the maxima. */
    synchronized void confirm(Map<String, Integer> coordinates) {
        confirmed++;
        coordinates.forEach((axis, index) -> maxIndex.merge(axis, index, Math::max));
    }

    synchronized boolean isAccepted(FrameCoordinates frame) {
        return accepted.contains(frame);
    }

    /** The frame's pixels if they are still in memory, else {@code null}. */
    synchronized Kept kept(FrameCoordinates frame) {
        return kept.get(frame);
    }

    /** Frames the writer has taken. */
    synchronized int count() {
        return confirmed;
    }

    /** The highest index along an axis among the frames taken, or -1 before the first. */
    synchronized int maxIndex(String axis) {
        return maxIndex.getOrDefault(axis, -1);
    }

    /** One accepted frame, or {@code null} before the first. */
    synchronized FrameCoordinates anyAccepted() {
        return accepted.isEmpty() ? null : accepted.iterator().next();
    }

    synchronized List<FrameCoordinates> acceptedFrames() {
        return new ArrayList<>(accepted);
    }

    /** Bytes of the pixels kept in memory. */
    synchronized long keptBytes() {
        return keptBytes;
    }

    /**
     * {@code pieces} more pieces of this frame can be read from disk; when all are, the frame may
     * be dropped from memory. Frames not kept (never accepted) are ignored.
     */
    synchronized void piecesReadable(FrameCoordinates frame, int pieces) {
        Kept frameKept = kept.get(frame);
        if (frameKept == null) {
            return;
        }
        frameKept.piecesReadable += pieces;
        if (frameKept.piecesReadable == piecesPerFrame) {
            readableOldestFirst.add(frame);
            dropOverBudget();
        }
    }

    private void dropOverBudget() {
        while (keptBytes > budgetBytes && !readableOldestFirst.isEmpty()) {
            keptBytes -= kept.remove(readableOldestFirst.poll()).bytes;
        }
    }

    /** Drops every pixel kept (the dataset is closed). */
    synchronized void clear() {
        kept.clear();
        readableOldestFirst.clear();
        keptBytes = 0;
    }
}
