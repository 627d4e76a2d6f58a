package org.zarrscope.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.scalableminds.bloscjava.Blosc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.testing.Exhaustive;

/**
 * Zarrscope's own Blosc frames (LZ4, Zstandard and zlib, written in Java; {@link CodecSpec} uses
 * them for all but byte-shuffled LZ4) are the frames c-blosc 1.21 reads, and Zarrscope reads every
 * frame c-blosc writes. c-blosc here is blosc-java's bundled
 * c-blosc 1.21.4, in this process. For each compressor × shuffle × type size × clevel and inputs
 * from empty to a whole 8 MiB camera frame, through block edges, a short last block, incompressible
 * noise and zeros:
 * <ul>
 *   <li>c-blosc decodes Zarrscope's frame to the original bytes, and the header fields the format
 *       fixes are the ones c-blosc writes for the same input;</li>
 *   <li>Zarrscope decodes c-blosc's frames, of every compressor and filter c-blosc has (blosclz and
 *       bit shuffle through c-blosc itself), to the original bytes;</li>
 *   <li>Zarrscope round-trips its own frames between heap buffers (at array offsets) and direct
 *       buffers (at positions), in every mix.</li>
 * </ul>
 */
@Exhaustive
class BloscChunksDecodeWithCBloscTest {
    private static final String[] FRAMED_CNAMES = {"lz4", "zstd", "zlib"};
    private static final String[] C_BLOSC_CNAMES = {"blosclz", "lz4", "lz4hc", "zlib", "zstd"};
    private static final int[] TYPE_SIZES = {1, 2, 4};
    private static final int[] CLEVELS = {0, 1, 5, 9};
    private static final int FRAME_BYTES = 2048 * 2048 * 2;
    private static final byte[] CAMERA = cameraFrame();
    private static final List<Input> INPUTS = inputs();

    /** A named input. */
    private static final class Input {
        final String name;
        final byte[] bytes;

        Input(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }
    }

    private static byte[] cameraFrame() {
        ByteBuffer plane = new SimulatedCamera(2048, 2048, PixelType.UINT16, 11).storedPlane(FrameCoordinates.of(3, 0, 0), 0)
                .duplicate();
        plane.clear();
        byte[] bytes = new byte[FRAME_BYTES];
        plane.get(bytes);
        return bytes;
    }

    private static List<Input> inputs() {
        List<Input> inputs = new ArrayList<>();
        for (int size : new int[] {0, 1, 100, 127, 128, 1000, 64 << 10, 256 << 10, 512 << 10, (768 << 10) + 1234, 3_000_001}) {
            inputs.add(new Input("camera bytes [0, " + size + ")", java.util.Arrays.copyOf(CAMERA, size)));
        }
        inputs.add(new Input("a whole 2048x2048 uint16 camera frame", CAMERA));
        byte[] noise = new byte[(1 << 20) + 6];
        new Random(5).nextBytes(noise);
        inputs.add(new Input("incompressible noise", noise));
        inputs.add(new Input("zeros", new byte[(2 << 20) + 20]));
        return inputs;
    }

    static Stream<Arguments> framedSettings() {
        List<Arguments> settings = new ArrayList<>();
        for (String cname : FRAMED_CNAMES) {
            for (BloscShuffle shuffle : new BloscShuffle[] {BloscShuffle.NOSHUFFLE, BloscShuffle.SHUFFLE}) {
                for (int typeSize : TYPE_SIZES) {
                    for (int clevel : CLEVELS) {
                        settings.add(Arguments.of(cname, shuffle, typeSize, clevel));
                    }
                }
            }
        }
        return settings.stream();
    }

    @ParameterizedTest(name = "{0} {1} typesize {2} clevel {3}")
    @MethodSource("framedSettings")
    void cBloscReadsZarrscopeFramesAndTheirHeadersAreCBloscs(String cname, BloscShuffle shuffle, int typeSize, int clevel) {
        Codec codec = BloscFrameCodec.of(cname, clevel, shuffle, typeSize);
        for (Input input : INPUTS) {
            if (skipped(input, cname, typeSize, clevel)) {
                continue;
            }
            String what = cname + " " + shuffle + " typesize " + typeSize + " clevel " + clevel + ", " + input.name;
            byte[] frame = compress(codec, input.bytes, false, 0);
            assertArrayEquals(input.bytes, Blosc.decompress(frame, 1), "c-blosc reads " + what);
            byte[] cBlosc = Blosc.compress(input.bytes, typeSize, Blosc.Compressor.fromString(cname), clevel,
                    Blosc.Shuffle.fromInt(shuffle.code()), 0, 1);
            assertHeaderIsCBloscs(cBlosc, frame, what);
        }
    }

    /**
     * What the format fixes: versions, type size, raw size, the filter and compressor bits and
     * whether the frame is a plain copy; and that the length field is the frame's length. The block
     * size and the split flag are Zarrscope's choice (read by every decoder alike).
     */
    private static void assertHeaderIsCBloscs(byte[] cBlosc, byte[] ours, String what) {
        ByteBuffer expected = ByteBuffer.wrap(cBlosc).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer actual = ByteBuffer.wrap(ours).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(expected.get(0), actual.get(0), "version, " + what);
        assertEquals(expected.get(1), actual.get(1), "compressor version, " + what);
        int fixedFlags = BloscHeader.BYTE_SHUFFLE | BloscHeader.MEMCPYED | BloscHeader.BIT_SHUFFLE | BloscHeader.RESERVED | 0xe0;
        assertEquals(Integer.toBinaryString(expected.get(2) & fixedFlags), Integer.toBinaryString(actual.get(2) & fixedFlags),
                "flags (shuffle, copied, compressor), " + what);
        assertEquals(expected.get(3), actual.get(3), "type size, " + what);
        assertEquals(expected.getInt(4), actual.getInt(4), "raw bytes, " + what);
        assertEquals(ours.length, actual.getInt(12), "frame length, " + what);
    }

    /**
     * Inputs above 2 MiB (many blocks, as a chunk has) only with 16-bit samples and the levels that
     * take well under a second for them, and the slowest settings (zstd, zlib and lz4hc at level 9:
     * zstd's level 22) only up to two blocks: their frames are laid out as the smaller inputs' are,
     * and the suite runs on two cores.
     */
    private static boolean skipped(Input input, String cname, int typeSize, int clevel) {
        boolean slow = cname.equals("zlib") || cname.equals("lz4hc") || cname.equals("zstd") && clevel > 5;
        boolean slowest = slow && clevel == 9;
        return input.bytes.length > (2 << 20) && (typeSize != 2 || slow && clevel > 1)
                || slowest && input.bytes.length > (512 << 10);
    }

    static Stream<Arguments> cBloscSettings() {
        List<Arguments> settings = new ArrayList<>();
        for (String cname : C_BLOSC_CNAMES) {
            for (BloscShuffle shuffle : BloscShuffle.values()) {
                for (int typeSize : TYPE_SIZES) {
                    settings.add(Arguments.of(cname, shuffle, typeSize));
                }
            }
        }
        return settings.stream();
    }

    @ParameterizedTest(name = "{0} {1} typesize {2}")
    @MethodSource("cBloscSettings")
    void zarrscopeReadsEveryCBloscFrame(String cname, BloscShuffle shuffle, int typeSize) {
        Codec codec = BloscFrameCodec.of("zstd", 1, BloscShuffle.SHUFFLE, typeSize, false);
        for (int clevel : CLEVELS) {
            for (Input input : INPUTS) {
                if (skipped(input, cname, typeSize, clevel)) {
                    continue;
                }
                byte[] frame = Blosc.compress(input.bytes, typeSize, Blosc.Compressor.fromString(cname), clevel,
                        Blosc.Shuffle.fromInt(shuffle.code()), 0, 1);
                assertArrayEquals(input.bytes, decompress(codec, frame, input.bytes.length, true, 3),
                        "Zarrscope reads c-blosc's " + cname + " " + shuffle + " typesize " + typeSize + " clevel " + clevel
                                + ", " + input.name);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} typesize {2} clevel {3}")
    @MethodSource("framedSettings")
    void zarrscopeFramesRoundTripBetweenHeapAndDirectBuffers(String cname, BloscShuffle shuffle, int typeSize, int clevel) {
        Codec codec = BloscFrameCodec.of(cname, clevel, shuffle, typeSize, false);
        for (Input input : INPUTS) {
            if (skipped(input, cname, typeSize, clevel)) {
                continue;
            }
            byte[] heapFrame = compress(codec, input.bytes, false, 7);
            byte[] directFrame = compress(codec, input.bytes, true, 5);
            String what = cname + " " + shuffle + " typesize " + typeSize + " clevel " + clevel + ", " + input.name;
            assertArrayEquals(heapFrame, directFrame, "the same frame from heap and direct buffers, " + what);
            for (boolean direct : new boolean[] {false, true}) {
                assertArrayEquals(input.bytes, decompress(codec, heapFrame, input.bytes.length, direct, 9),
                        "round trip into " + (direct ? "direct" : "heap") + " memory, " + what);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framedCnames")
    void incompressibleDataBecomesACopyAsInCBlosc(String cname) {
        byte[] noise = INPUTS.stream().filter(input -> input.name.equals("incompressible noise")).findFirst().get().bytes;
        byte[] frame = compress(BloscFrameCodec.of(cname, 9, BloscShuffle.SHUFFLE, 2), noise, true, 0);
        assertEquals(noise.length + BloscHeader.LENGTH, frame.length, "a copy is never longer than the data and its header");
        assertTrue((frame[2] & BloscHeader.MEMCPYED) != 0, "flagged as a copy");
    }

    static Stream<String> framedCnames() {
        return Stream.of(FRAMED_CNAMES);
    }

    /** Compresses {@code raw} from a buffer of that kind, starting {@code offset} bytes into its memory. */
    private static byte[] compress(Codec codec, byte[] raw, boolean direct, int offset) {
        ByteBuffer source = placed(raw, direct, offset);
        ByteBuffer target = placed(new byte[codec.maxCompressedLength(raw.length)], direct, offset);
        target.clear().position(offset);
        int length = codec.compress(source, target);
        assertEquals(offset + length, target.position(), "the target's position moves past the frame");
        assertEquals(offset, source.position(), "the source is left as it was");
        byte[] frame = new byte[length];
        target.flip().position(offset);
        target.get(frame);
        return frame;
    }

    private static byte[] decompress(Codec codec, byte[] frame, int rawLength, boolean direct, int offset) {
        ByteBuffer target = placed(new byte[rawLength], direct, offset);
        codec.decompress(placed(frame, !direct, offset), target);
        assertEquals(target.limit(), target.position(), "the target is filled");
        byte[] raw = new byte[rawLength];
        target.position(offset);
        target.get(raw);
        return raw;
    }

    /**
     * {@code bytes} in a buffer whose position is {@code offset}, its limit after the bytes: a
     * direct buffer, or a slice of a larger heap array (so its array offset is not zero).
     */
    private static ByteBuffer placed(byte[] bytes, boolean direct, int offset) {
        ByteBuffer buffer;
        if (direct) {
            buffer = ByteBuffer.allocateDirect(offset + bytes.length);
        } else {
            buffer = ByteBuffer.wrap(new byte[3 + offset + bytes.length]).position(3).slice();
        }
        buffer.position(offset);
        buffer.put(bytes);
        buffer.position(offset);
        return buffer;
    }
}
