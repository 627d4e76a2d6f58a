package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.store.MemoryStore;
import org.zarrscope.zarr.ZarrReader;

/**
 * A frame given as raw bytes is read from its position to its limit in the buffer's own byte
 * order, and the caller's buffer is left as it was: the same samples as little-endian bytes, as
 * big-endian bytes after a header, and as a {@code short[]} are stored alike.
 */
class RawBytesAreReadInTheirOwnOrderTest {
    private static final int SIDE = 16;

    @Test
    void littleAndBigEndianBytesStoreTheSameSamplesAsAnArray() throws Exception {
        short[] samples = new short[SIDE * SIDE];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i * 257 + 3); // both bytes of each sample differ
        }
        ByteBuffer little = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        little.asShortBuffer().put(samples);
        ByteBuffer big = ByteBuffer.allocateDirect(5 + samples.length * 2).order(ByteOrder.BIG_ENDIAN);
        big.position(5);
        big.slice().order(ByteOrder.BIG_ENDIAN).asShortBuffer().put(samples);

        MemoryStore store = new MemoryStore("memory");
        WriterSettings settings = WriterSettings.builder().output(Paths.get("raw.ome.zarr")).timePoints(3)
                .frameSize(SIDE, SIDE).codec(CodecSpec.none()).pyramid(PyramidMode.NONE).build();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings, store)) {
            writer.write(FrameCoordinates.of(0, 0, 0), samples, FrameMetadata.NONE);
            writer.write(FrameCoordinates.of(1, 0, 0), little, FrameMetadata.NONE);
            writer.write(FrameCoordinates.of(2, 0, 0), big, FrameMetadata.NONE);
            assertEquals(0, little.position(), "the little-endian buffer's position is left alone");
            assertEquals(5, big.position(), "the big-endian buffer's position is left alone");
            writer.finish();
        }
        ZarrReader reader = ZarrReader.open(store, AcquisitionWriter.FULL_RESOLUTION_PATH);
        ByteBuffer fromArray = reader.readChunk(0, 0, 0, 0, 0);
        assertEquals(fromArray, reader.readChunk(1, 0, 0, 0, 0), "little-endian bytes");
        assertEquals(fromArray, reader.readChunk(2, 0, 0, 0, 0), "big-endian bytes");
        assertEquals(samples[1], fromArray.order(ByteOrder.LITTLE_ENDIAN).getShort(2), "stored little-endian");
    }
}
