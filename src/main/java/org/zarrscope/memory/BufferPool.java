package org.zarrscope.memory;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of equally sized {@link PixelBuffer}s, the part of the memory budget that holds
 * chunks being assembled or compressed. Buffers are made on first demand up to the capacity, so
 * a small acquisition never touches the whole budget; after that they are only reused.
 * {@link #acquire} waits when all are in use: this is where back-pressure starts. The buffer
 * released last is handed out first, so the few buffers in steady use stay in the processor's cache.
 */
public final class BufferPool {
    private final int bufferBytes;
    private final int capacity;
    private final boolean onHeap;
    private final BlockingDeque<PixelBuffer> free;
    private final AtomicInteger created = new AtomicInteger();

    /** @param onHeap make the buffers on the heap ({@link MemoryPlan#pixelsOnHeap}) */
    public BufferPool(int bufferBytes, int capacity, boolean onHeap) {
        this.bufferBytes = bufferBytes;
        this.capacity = capacity;
        this.onHeap = onHeap;
        this.free = new LinkedBlockingDeque<>(capacity);
    }

    /**
     * A free buffer, waiting at most {@code timeoutMillis} for one to be released.
     *
     * @return the buffer, or {@code null} if none became free in time
     */
    public PixelBuffer acquire(long timeoutMillis) throws InterruptedException {
        PixelBuffer buffer = free.pollFirst();
        if (buffer != null) {
            return buffer;
        }
        if (created.getAndIncrement() < capacity) {
            return new PixelBuffer(bufferBytes, onHeap);
        }
        created.decrementAndGet();
        return free.pollFirst(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Returns a buffer taken from this pool (or handed to it in exchange for one). */
    public void release(PixelBuffer buffer) {
        if (!free.offerFirst(buffer)) {
            throw new IllegalStateException("more buffers released than the pool holds");
        }
    }

}
