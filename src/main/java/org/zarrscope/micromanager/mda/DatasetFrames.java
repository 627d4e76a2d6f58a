package org.zarrscope.micromanager.mda;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ZarrReader;

/**
 * Reads frames back from the dataset in Micro-Manager's pixel layout: {@code byte[]} (GRAY8),
 * {@code short[]} (GRAY16), {@code float[]} (GRAY32), or RGB32's B, G, R, A bytes rebuilt from
 * the three stored channels (alpha, which is not stored, comes back as 0). One reader per
 * position, opened on first use; calls are serialized (a reader keeps one codec context).
 */
final class DatasetFrames {
    private final Store store;
    private final String[] arrayPaths;
    private final ZarrReader[] readers;
    private final MdaPixelType pixelType;
    private final int pixels;

    DatasetFrames(Store store, String[] arrayPaths, MdaPixelType pixelType, int width, int height) {
        this.store = store;
        this.arrayPaths = arrayPaths.clone();
        this.readers = new ZarrReader[arrayPaths.length];
        this.pixelType = pixelType;
        this.pixels = width * height;
    }

    /** The frame's pixels; a frame that was never written reads as zeros. */
    synchronized Object read(FrameCoordinates frame) throws IOException {
        ZarrReader reader = reader(frame.position());
        if (pixelType == MdaPixelType.RGB32) {
            byte[] bgra = new byte[pixels * 4];
            for (int component = 0; component < 3; component++) {
                ByteBuffer plane = reader.readPlane(frame.time(), frame.channel() * 3 + component, frame.z());
                int byteInPixel = 2 - component; // stored R, G, B; Micro-Manager's order is B, G, R, A
                for (int i = 0; i < pixels; i++) {
                    bgra[i * 4 + byteInPixel] = plane.get(i);
                }
            }
            return bgra;
        }
        ByteBuffer plane = reader.readPlane(frame.time(), frame.channel(), frame.z()).order(ByteOrder.LITTLE_ENDIAN);
        switch (pixelType) {
            case GRAY8: {
                byte[] values = new byte[pixels];
                plane.get(values);
                return values;
            }
            case GRAY16: {
                short[] values = new short[pixels];
                plane.asShortBuffer().get(values);
                return values;
            }
            default: {
                float[] values = new float[pixels];
                plane.asFloatBuffer().get(values);
                return values;
            }
        }
    }

    private ZarrReader reader(int position) throws IOException {
        if (readers[position] == null) {
            readers[position] = ZarrReader.open(store, arrayPaths[position]);
        }
        return readers[position];
    }
}
