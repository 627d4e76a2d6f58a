package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.RoundTripMatrix;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.zarr.ZarrReader;

/**
 * Pixel-exact round trip of every pixel type × codec × Zarr v3 layout × acquisition order ×
 * complete or early-stopped run in Zarr v3 + OME-NGFF 0.5: each dataset is written by the real
 * pipeline from a seeded {@link SimulatedCamera}, then read back by zarrita on Node (one script run
 * for all of them; it verifies the shard index CRC32C itself) and by Zarrscope's own
 * {@link ZarrReader}, every {@code (t, c, z)} plane compared by SHA-256 with the camera's or with
 * zeros for frames an early stop never acquired ({@link RoundTripMatrix} does the work).
 *
 * <p>The layouts of the {@code T=3, C=3, Z=5, 30×40} acquisition: one plane per chunk; 3-D chunks
 * {@code 2,2,3,16,16} with an edge chunk along every axis; and those chunks inside shards of
 * {@code 4,4,6,32,32}, two inner chunks along every axis, so a shard spans several inner chunks in
 * t, c, z, y and x, and the array has edge shards along every axis (t 4 of 3, c 4 of 3 or for RGB
 * 4+4+4 of 9, z 6 of 5, y 32 of 30, x 32+32 of 40 with the last one holding a single, partial inner
 * chunk). An early stop leaves inner chunks, and for some orders whole shards, never written.
 *
 * <p>Besides the pixels, zarrita's view of the metadata is checked: {@code dimension_names},
 * {@code attributes.ome.version}, the multiscales path, the data type (RGB is stored as
 * {@code uint8}), the shard and inner chunk shapes and the codec pipeline.
 */
@ExternalProcess
class ZarritaReadsEveryV3CombinationTest extends RoundTripMatrix<Zarrita.Dataset> {
    private static final int[] BLOCK = {2, 2, 3, 16, 16};
    private static final int[] SHARD = {4, 4, 6, 32, 32};
    private static final List<Layout> LAYOUTS = List.of(
            Layout.v3("v3plane", 1, 1, 1, HEIGHT, WIDTH),
            Layout.v3("v3block", BLOCK),
            Layout.v3Sharded("v3shard", BLOCK, SHARD));

    @Override
    protected List<Layout> layouts() {
        return LAYOUTS;
    }

    @Override
    protected String readerName() {
        return "zarrita";
    }

    @Override
    protected Map<String, Zarrita.Dataset> readIndependently(List<Case> written) throws Exception {
        Zarrita.Request request = new Zarrita.Request();
        for (Case c : written) {
            request.add(c.id(), c.path, AcquisitionWriter.FULL_RESOLUTION_PATH);
        }
        return Zarrita.read(request);
    }

    @Override
    protected void checkIndependentReader(Case c, Zarrita.Dataset read) {
        assertNotNull(read, "zarrita gave no answer for " + c.name);
        read.assertReadable();
        assertEquals(AcquisitionWriter.FULL_RESOLUTION_PATH, read.multiscalesPath(),
                "multiscales dataset path of " + c.name);
        assertEquals("0.5", read.omeVersion(), "attributes.ome.version zarrita reads of " + c.name);
        assertEquals(List.of("t", "c", "z", "y", "x"), read.dimensionNames(), "dimension_names of " + c.name);
        assertArrayEquals(c.expectedShape(), read.shape(), "shape zarrita reads of " + c.name);
        assertEquals(c.type.v3DataType, read.dtype(), "data_type zarrita reads of " + c.name);
        assertTrue(read.fillValue() != null && read.fillValue().isNumber() && read.fillValue().asInt() == 0,
                "fill_value of " + c.name + ": " + read.fillValue());
        assertArrayEquals(c.expectedGrid(), read.chunks(),
                (c.layout.sharded() ? "shard" : "chunk") + " shape (chunk_grid) zarrita reads of " + c.name);
        assertEquals(c.layout.sharded(), read.sharded(), "sharded? " + c.name);
        if (c.layout.sharded()) {
            assertArrayEquals(c.expectedChunks(), read.innerChunks(), "inner chunk shape zarrita reads of " + c.name);
            assertEquals(List.of("sharding_indexed"), read.codecs(), "codecs of " + c.name);
            assertEquals(c.codec.v3ChunkCodecs(), read.innerCodecs(), "codecs inside sharding_indexed of " + c.name);
            assertEquals(List.of("bytes", "crc32c"), read.indexCodecs(), "shard index codecs of " + c.name);
        } else {
            assertNull(read.innerChunks(), "an unsharded array has no inner chunks: " + c.name);
            assertEquals(c.codec.v3ChunkCodecs(), read.codecs(), "codecs of " + c.name);
            assertFalse(read.codecs().contains("sharding_indexed"), "sharding_indexed in the codecs of " + c.name);
        }
        assertEquals(planesOf(c), read.planes().size(), "planes hashed");
        assertPlanes(c, "zarrita", (t, sc, z) -> read.plane(t, sc, z));
    }
}
