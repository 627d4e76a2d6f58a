package org.zarrscope.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.scalableminds.bloscjava.Blosc;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.simulate.SimulatedCamera;

/**
 * The c-blosc installed on the computer, through JNA on the caller's buffers: its frames decode to
 * the original bytes with blosc-java's own c-blosc (another build, 1.21.4) and with Zarrscope's
 * Java reader; it reads the frames both of those write; heap and direct buffers at any position
 * give the same frame; a cut frame is refused before c-blosc reads past it; only c-blosc 1.21 or
 * later is taken; and {@link BloscFormat} hands it what c-blosc writes, unless
 * {@code -Dzarrscope.blosc=bundled}.
 */
class InstalledBloscCodecTest {
    private static final Map<String, byte[]> INPUTS = inputs();

    @BeforeAll
    static void needsAnInstalledCBlosc() {
        assumeTrue(InstalledBlosc.isUsed(), "needs c-blosc 1.x installed (Debian: apt-get install libblosc1): "
                + InstalledBlosc.describe());
    }

    private static Map<String, byte[]> inputs() {
        ByteBuffer plane = new SimulatedCamera(1024, 512, PixelType.UINT16, 3).storedPlane(FrameCoordinates.of(2, 0, 0), 0)
                .duplicate();
        plane.clear();
        byte[] camera = new byte[plane.remaining()];
        plane.get(camera);
        byte[] noise = new byte[200_003];
        new Random(9).nextBytes(noise);
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("empty", new byte[0]);
        inputs.put("100 bytes", Arrays.copyOf(camera, 100));
        inputs.put("a 1 MiB camera tile", camera);
        inputs.put("camera bytes, a short last block", Arrays.copyOf(camera, 300_001));
        inputs.put("noise", noise);
        inputs.put("zeros", new byte[400_000]);
        return inputs;
    }

    @Test
    void itsFramesDecodeWithBloscJavasCBloscAndZarrscopesJavaReader() {
        for (String cname : new String[] {"lz4", "blosclz", "zstd", "zlib"}) {
            for (BloscShuffle shuffle : BloscShuffle.values()) {
                for (int typeSize : new int[] {1, 2, 4}) {
                    InstalledBloscCodec codec = new InstalledBloscCodec(cname, 1, shuffle, typeSize);
                    for (Map.Entry<String, byte[]> input : INPUTS.entrySet()) {
                        String what = cname + " " + shuffle + " typesize " + typeSize + ", " + input.getKey();
                        byte[] frame = compress(codec, input.getValue(), true, 3);
                        assertArrayEquals(frame, compress(codec, input.getValue(), false, 11),
                                "the same frame from heap and direct buffers, " + what);
                        assertArrayEquals(input.getValue(), Blosc.decompress(frame, 1), "blosc-java decodes " + what);
                        boolean javaReads = !cname.equals("blosclz") && shuffle != BloscShuffle.BITSHUFFLE;
                        if (javaReads) {
                            Codec java = BloscFrameCodec.of(cname, 1, shuffle, typeSize, false);
                            assertArrayEquals(input.getValue(), decompress(java, frame, input.getValue().length, false, 0),
                                    "Zarrscope's Java reader decodes " + what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void itReadsTheFramesOfBloscJavaAndOfZarrscopesJavaFramesIntoHeapAndDirectMemory() {
        InstalledBloscCodec reader = InstalledBloscCodec.forReading();
        for (int typeSize : new int[] {1, 2, 4}) {
            for (Map.Entry<String, byte[]> input : INPUTS.entrySet()) {
                byte[] raw = input.getValue();
                byte[] bloscJava = Blosc.compress(raw, typeSize, Blosc.Compressor.LZ4, 5, Blosc.Shuffle.BIT_SHUFFLE, 0, 1);
                byte[] javaFrames = compress(BloscFrameCodec.of("zstd", 3, BloscShuffle.SHUFFLE, typeSize, false), raw, true, 0);
                for (boolean direct : new boolean[] {false, true}) {
                    String what = "typesize " + typeSize + ", " + input.getKey() + (direct ? ", direct" : ", heap");
                    assertArrayEquals(raw, decompress(reader, bloscJava, raw.length, direct, 5), "blosc-java's lz4 bit shuffle, " + what);
                    assertArrayEquals(raw, decompress(reader, javaFrames, raw.length, direct, 7), "Java frames' zstd, " + what);
                }
            }
        }
    }

    @Test
    void aFrameCutShortIsRefusedBeforeCBloscReadsIt() {
        byte[] raw = INPUTS.get("a 1 MiB camera tile");
        byte[] frame = compress(new InstalledBloscCodec("lz4", 1, BloscShuffle.SHUFFLE, 2), raw, true, 0);
        byte[] cut = Arrays.copyOf(frame, frame.length / 2);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> decompress(InstalledBloscCodec.forReading(), cut, raw.length, true, 0));
        assertTrue(refused.getMessage().contains("says it has " + frame.length + " bytes"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> decompress(InstalledBloscCodec.forReading(), frame, raw.length - 2, true, 0),
                "a frame of another size than the chunk's");
    }

    @Test
    void theFormatHandsItWhatCBloscWritesUnlessBundledIsAskedFor() {
        assertTrue(new BloscFormat("lz4", 1, BloscShuffle.SHUFFLE).newCodec(2) instanceof InstalledBloscCodec);
        assertTrue(new BloscFormat("blosclz", 5, BloscShuffle.NOSHUFFLE).newCodec(2) instanceof InstalledBloscCodec);
        assertTrue(new BloscFormat("zstd", 1, BloscShuffle.SHUFFLE).newCodec(2) instanceof BloscFrameCodec,
                "zstd stays in Java frames, which compress it as fast");
        String given = System.setProperty(InstalledBlosc.CHOICE_PROPERTY, "bundled");
        try {
            assertTrue(new BloscFormat("lz4", 1, BloscShuffle.SHUFFLE).newCodec(2) instanceof BloscCodec);
            assertTrue(InstalledBlosc.describe().startsWith("blosc-java's bundled c-blosc"), InstalledBlosc.describe());
        } finally {
            System.clearProperty(InstalledBlosc.CHOICE_PROPERTY);
            if (given != null) {
                System.setProperty(InstalledBlosc.CHOICE_PROPERTY, given);
            }
        }
        assertTrue(InstalledBlosc.describe().matches("c-blosc 1\\.\\d+\\.\\d+ installed on this computer"),
                InstalledBlosc.describe());
    }

    @Test
    void onlyCBlosc121OrLaterIsUsed() {
        for (String used : new String[] {"1.21.0", "1.21.3", "1.21.6.dev", "1.30.1"}) {
            assertTrue(InstalledBlosc.isAtLeast121(used), used);
        }
        for (String refused : new String[] {"1.17.1", "1.9", "2.0.0", "1", "", "one.21"}) {
            assertFalse(InstalledBlosc.isAtLeast121(refused), refused);
        }
    }

    @Test
    void aLibraryThatIsNotThereIsNamed() {
        String why = InstalledBlosc.whyNot("zarrscope-no-such-blosc");
        assertNotNull(why);
        assertTrue(why.contains("zarrscope-no-such-blosc"), why);
        assertEquals(null, InstalledBlosc.whyNot(InstalledBlosc.LIBRARY));
    }

    /** {@code raw} compressed from a heap or direct buffer starting {@code offset} bytes in, into one {@code offset} bytes in. */
    private static byte[] compress(Codec codec, byte[] raw, boolean direct, int offset) {
        ByteBuffer source = (direct ? ByteBuffer.allocateDirect(offset + raw.length) : ByteBuffer.allocate(offset + raw.length));
        source.position(offset);
        source.put(raw).flip().position(offset);
        int room = codec.maxCompressedLength(raw.length);
        ByteBuffer target = direct ? ByteBuffer.allocateDirect(offset + room) : ByteBuffer.allocate(offset + room);
        target.position(offset);
        int length = codec.compress(source, target);
        assertEquals(offset + length, target.position(), "the target's position is after the frame");
        assertEquals(offset, source.position(), "the source is left unchanged");
        byte[] frame = new byte[length];
        target.flip().position(offset);
        target.get(frame);
        return frame;
    }

    private static byte[] decompress(Codec codec, byte[] frame, int rawLength, boolean direct, int offset) {
        ByteBuffer source = direct ? ByteBuffer.allocateDirect(offset + frame.length) : ByteBuffer.allocate(offset + frame.length);
        source.position(offset);
        source.put(frame).flip().position(offset);
        ByteBuffer target = direct ? ByteBuffer.allocateDirect(offset + rawLength) : ByteBuffer.allocate(offset + rawLength);
        target.position(offset);
        codec.decompress(source, target);
        assertEquals(offset + rawLength, target.position(), "the target is filled");
        byte[] raw = new byte[rawLength];
        target.flip().position(offset);
        target.get(raw);
        return raw;
    }
}
