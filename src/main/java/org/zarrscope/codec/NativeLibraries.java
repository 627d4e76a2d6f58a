package org.zarrscope.codec;

import java.lang.ref.Cleaner;
import net.jpountz.lz4.LZ4Factory;

/**
 * The JNI libraries behind the codecs: loaded on first use with an error that names the platform,
 * and native state freed when the codec that made it is gone. Codecs live as long as their writer
 * thread and the {@link Codec} interface has no close, so a {@link Cleaner} frees what the
 * libraries would otherwise keep until the JVM exits.
 */
final class NativeLibraries {
    private static final Cleaner CLEANER = Cleaner.create();

    private NativeLibraries() {
    }

    /**
     * lz4-java's JNI implementation (loaded once, by lz4-java), never its pure-Java fallbacks,
     * which are slower.
     */
    static LZ4Factory lz4() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (LinkageError | RuntimeException e) {
            throw doesNotLoad("LZ4", e);
        }
    }

    /** Runs {@code release} once {@code owner} is unreachable; {@code release} must not refer to {@code owner}. */
    static void closeWhenUnreachable(Object owner, Runnable release) {
        CLEANER.register(owner, release);
    }

    /** The error for a native library that does not load here. */
    static IllegalStateException doesNotLoad(String library, Throwable cause) {
        return new IllegalStateException("the " + library + " native library does not load on " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + " (java.io.tmpdir must allow executables): " + cause, cause);
    }
}
