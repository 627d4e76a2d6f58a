package org.zarrscope.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrPython;

/**
 * numcodecs' {@code Blosc().decode} (Debian's numcodecs over the system c-blosc, the reader
 * zarr-python uses) gives back the exact bytes of every chunk Zarrscope's own Blosc frames hold:
 * LZ4, Zstandard and zlib, without and with byte shuffle, 1-, 2- and 4-byte samples, clevel 0–9,
 * from a few bytes (a plain copy) to a whole 8 MiB camera frame, noise and zeros.
 */
@ExternalProcess
class NumcodecsDecodesZarrscopeBloscChunksTest {
    private static final String SCRIPT = "numcodecs_blosc_decode.py";

    @Test
    void numcodecsDecodesEveryChunkByteExact(@TempDir Path folder) throws IOException, InterruptedException {
        byte[] camera = cameraFrame();
        byte[] noise = new byte[300_001];
        new Random(7).nextBytes(noise);
        Map<String, byte[]> inputs = new TreeMap<>();
        inputs.put("tiny", Arrays.copyOf(camera, 100));
        inputs.put("leftover", Arrays.copyOf(camera, (1 << 20) + 4444));
        inputs.put("noise", noise);
        inputs.put("zeros", new byte[500_000]);
        int written = 0;
        for (String cname : new String[] {"lz4", "zstd", "zlib"}) {
            for (BloscShuffle shuffle : new BloscShuffle[] {BloscShuffle.NOSHUFFLE, BloscShuffle.SHUFFLE}) {
                for (int typeSize : new int[] {1, 2, 4}) {
                    for (int clevel : new int[] {0, 1, 5, 9}) {
                        Codec codec = BloscFrameCodec.of(cname, clevel, shuffle, typeSize);
                        String settings = cname + "-" + shuffle.name().toLowerCase() + "-t" + typeSize + "-c" + clevel;
                        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
                            write(folder, settings + "-" + input.getKey(), codec, input.getValue());
                            written++;
                        }
                        if (typeSize == 2 && clevel > 0 && !(cname.equals("zstd") && clevel == 9)) {
                            write(folder, settings + "-camera-frame", codec, camera);
                            written++;
                        }
                    }
                }
            }
        }
        JsonNode answer = decodeWithNumcodecs(folder);
        JsonNode chunks = answer.path("chunks");
        assertEquals(written, chunks.size(), "numcodecs read every chunk: " + answer);
        for (Iterator<Map.Entry<String, JsonNode>> it = chunks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> chunk = it.next();
            assertEquals("ok", chunk.getValue().asText(), chunk.getKey() + " with numcodecs "
                    + answer.path("numcodecs").asText() + " over c-blosc " + answer.path("blosc").asText());
        }
    }

    private static byte[] cameraFrame() {
        ByteBuffer plane = new SimulatedCamera(2048, 2048, PixelType.UINT16, 23).storedPlane(FrameCoordinates.of(1, 0, 0), 0)
                .duplicate();
        plane.clear();
        byte[] bytes = new byte[plane.remaining()];
        plane.get(bytes);
        return bytes;
    }

    private static void write(Path folder, String name, Codec codec, byte[] raw) throws IOException {
        ByteBuffer target = ByteBuffer.allocateDirect(codec.maxCompressedLength(raw.length));
        ByteBuffer source = ByteBuffer.allocateDirect(raw.length);
        source.put(raw).flip();
        codec.compress(source, target);
        target.flip();
        byte[] frame = new byte[target.remaining()];
        target.get(frame);
        Files.write(folder.resolve(name + ".blosc"), frame);
        Files.write(folder.resolve(name + ".raw"), raw);
    }

    private static JsonNode decodeWithNumcodecs(Path folder) throws IOException, InterruptedException {
        Path script = folder.resolve(SCRIPT);
        try (InputStream resource = NumcodecsDecodesZarrscopeBloscChunksTest.class.getResourceAsStream("/" + SCRIPT)) {
            Files.copy(resource, script);
        }
        Process python = new ProcessBuilder(ZarrPython.python(), script.toString(), folder.toString())
                .redirectError(folder.resolve("stderr.txt").toFile()).start();
        byte[] out = python.getInputStream().readAllBytes();
        assertTrue(python.waitFor(5, TimeUnit.MINUTES), "numcodecs finished within 5 minutes");
        String stderr = Files.readString(folder.resolve("stderr.txt"));
        assertEquals(0, python.exitValue(), ZarrPython.python() + " (system property " + ZarrPython.PYTHON_PROPERTY
                + ") with numcodecs failed: " + stderr);
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }
}
