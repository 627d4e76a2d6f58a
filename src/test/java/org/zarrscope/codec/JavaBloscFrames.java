package org.zarrscope.codec;

/** Zarrscope's own Blosc frames for any compressor it frames, whatever {@link CodecSpec} routes to: for benchmarks outside this package. */
public final class JavaBloscFrames {
    private JavaBloscFrames() {
    }

    public static Codec codec(String cname, int clevel, BloscShuffle shuffle, int typeSize) {
        return BloscFrameCodec.of(cname, clevel, shuffle, typeSize, false);
    }
}
