package org.zarrscope.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.plan.MemoryPlan;
import org.zarrscope.simulate.SimulatedCamera;

/**
 * Ring slots and chunk buffers live where the codec reads them without a copy: on the heap for
 * what blosc-java compresses (blosclz, and byte-shuffled lz4 where no c-blosc is installed; it takes
 * whole Java arrays), unless the budget would crowd the heap; off the heap for everything else,
 * an installed c-blosc and Zarrscope's own Blosc frames included; and a chunk compressed straight from its heap array gives the same bytes as one
 * in direct memory.
 */
class PixelBuffersSuitTheCodecTest {
    private static final int SIZE = 256;
    /** docs/blosc-bindings.md: {@code bundled} leaves an installed c-blosc unused. */
    private static final String BLOSC_CHOICE = "zarrscope.blosc";

    @Test
    void onlyWhatBloscJavaCompressesGetsHeapBuffers() {
        withBloscJava(() -> {
            for (String name : CodecSpec.NAMES) {
                assertEquals(name.equals("blosc-lz4") || name.equals("blosc-blosclz"), plan(name).pixelsOnHeap(), name);
            }
        });
    }

    /** Runs {@code check} with {@code -Dzarrscope.blosc=bundled}, then puts back what the run was given. */
    private static void withBloscJava(Runnable check) {
        String given = System.setProperty(BLOSC_CHOICE, "bundled");
        try {
            check.run();
        } finally {
            System.clearProperty(BLOSC_CHOICE);
            if (given != null) {
                System.setProperty(BLOSC_CHOICE, given);
            }
        }
    }

    @Test
    void whatAnInstalledCBloscCompressesStaysOffTheHeap() {
        assumeTrue(CodecSpec.usesInstalledBlosc(), "needs c-blosc installed: " + CodecSpec.bloscLibrary());
        for (String name : CodecSpec.NAMES) {
            assertFalse(plan(name).pixelsOnHeap(), name);
        }
    }

    private static MemoryPlan plan(String codec) {
        return WriterSettings.builder().output(Paths.get("unused.ome.zarr")).timePoints(4).frameSize(SIZE, SIZE)
                .pixelType(PixelType.UINT16).codec(CodecSpec.parse(codec, null, null)).build().memoryPlan();
    }

    @Test
    void aBudgetThatWouldCrowdTheHeapStaysOffIt() {
        withBloscJava(PixelBuffersSuitTheCodecTest::assertBudgetStaysOffTheHeap);
    }

    private static void assertBudgetStaysOffTheHeap() {
        long crowding = Runtime.getRuntime().maxMemory() * 3 / 4; // more than half of what can be free
        MemoryPlan plan = WriterSettings.builder().output(Paths.get("unused.ome.zarr")).timePoints(4)
                .frameSize(SIZE, SIZE).pixelType(PixelType.UINT16).codec(CodecSpec.parse("blosc-lz4", null, null))
                .memoryBudgetBytes(crowding).build().memoryPlan();
        assertFalse(plan.pixelsOnHeap(), "a budget of " + (crowding >> 20) + " MiB on a heap of "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
    }

    @Test
    void bloscCompressesAHeapChunkAsItCompressesADirectOne() {
        short[] frame = (short[]) new SimulatedCamera(SIZE, SIZE, PixelType.UINT16, 3).frame(FrameCoordinates.of(0, 0, 0));
        PixelBuffer heap = new PixelBuffer(frame.length * 2, true);
        PixelBuffer direct = new PixelBuffer(frame.length * 2, false);
        heap.put(frame);
        direct.put(frame);
        for (String name : new String[] {"blosc-lz4", "blosc-zstd"}) {
            Codec codec = CodecSpec.parse(name, null, null).newCodec(2);
            assertArrayEquals(compressed(codec, direct), compressed(codec, heap), name);
        }
    }

    private static byte[] compressed(Codec codec, PixelBuffer chunk) {
        ByteBuffer target = ByteBuffer.allocate(codec.maxCompressedLength(chunk.capacity()));
        int length = codec.compress(chunk.bytes(), target);
        byte[] bytes = new byte[length];
        target.flip();
        target.get(bytes);
        return bytes;
    }
}
