package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.RoundTripMatrix;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.zarr.ZarrReader;

/**
 * Pixel-exact round trip of every pixel type × codec × chunking × acquisition order × complete
 * or early-stopped run in Zarr v2 + OME-NGFF 0.4: each dataset is written by the real pipeline
 * from a seeded {@link SimulatedCamera}, then read back by zarr-python (one script run for all of
 * them) and by Zarrscope's own {@link ZarrReader}, and every {@code (t, c, z)} plane is compared by
 * SHA-256 with {@link SimulatedCamera#storedPlane} of the frame that belongs there, or with zeros
 * (the fill value) for frames an early stop never acquired.
 *
 * <p>The machinery (acquisition, expected pixels computed independently of the writer, the
 * comparison) is {@link RoundTripMatrix}'s, shared with {@link ZarritaReadsEveryV3CombinationTest}.
 * The 3-D chunking {@code 2,2,3,16,16} of a {@code T=3, C=3, Z=5, 30×40} acquisition has an edge
 * chunk along every axis (t 2+1, c 2+1 or for RGB's 9 stored channels 2+2+2+2+1, z 3+2, y 16+14,
 * x 16+16+8), and for RGB its channel chunks straddle acquisition channels.
 */
@ExternalProcess
class ZarrPythonReadsEveryCombinationTest extends RoundTripMatrix<ZarrPython.Dataset> {
    private static final List<Layout> LAYOUTS = List.of(
            Layout.v2("plane", 1, 1, 1, HEIGHT, WIDTH),
            Layout.v2("block", 2, 2, 3, 16, 16));

    @Override
    protected List<Layout> layouts() {
        return LAYOUTS;
    }

    @Override
    protected String readerName() {
        return "zarr-python";
    }

    @Override
    protected Map<String, ZarrPython.Dataset> readIndependently(List<Case> written) throws Exception {
        ZarrPython.Request request = new ZarrPython.Request();
        for (Case c : written) {
            request.add(c.id(), c.path, AcquisitionWriter.FULL_RESOLUTION_PATH);
        }
        return ZarrPython.read(request);
    }

    @Override
    protected void checkIndependentReader(Case c, ZarrPython.Dataset read) {
        assertNotNull(read, "zarr-python gave no answer for " + c.name);
        read.assertReadable();
        assertEquals(AcquisitionWriter.FULL_RESOLUTION_PATH, read.multiscalesPath(),
                "multiscales dataset path of " + c.name);
        assertArrayEquals(c.expectedShape(), read.shape(), "shape zarr-python reads of " + c.name);
        assertArrayEquals(c.expectedChunks(), read.chunks(), "chunks zarr-python reads of " + c.name);
        assertEquals(c.type.numpyDtype, read.dtype(), "dtype zarr-python reads of " + c.name);
        assertEquals(planesOf(c), read.planes().size(), "planes hashed");
        assertPlanes(c, "zarr-python", (t, sc, z) -> read.plane(t, sc, z));
    }
}
