package org.zarrscope.codec;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * A c-blosc 1.x installed on the computer (Debian's {@code libblosc1}, a conda {@code blosc}, a
 * {@code blosc.dll} on the path), called through JNA on the caller's buffers. blosc-java, which
 * Zarrscope carries for computers without one, takes and returns whole Java arrays: it copies every
 * chunk into native memory and its result into a new array, and those arrays, a chunk each, are
 * what a fresh JVM spends a sixth of its writing time faulting in (docs/blosc-bindings.md). Here
 * c-blosc reads the chunk where it is and writes the frame where the writer will write it from.
 *
 * <p>Only the thread-safe {@code *_ctx} functions are bound: each writer thread compresses its own
 * chunks, and c-blosc's global context would take them one at a time.
 */
final class InstalledBlosc {
    /** The library's name as the operating system's loader knows it ({@code libblosc.so.1} on Debian). */
    static final String LIBRARY = "blosc";
    /**
     * {@code -Dzarrscope.blosc=bundled} leaves an installed c-blosc unused: to compare the two in
     * one benchmark, or to step around an installed library that misbehaves.
     */
    static final String CHOICE_PROPERTY = "zarrscope.blosc";
    /**
     * The compressors it must have to take over every Blosc frame Zarrscope writes or reads (all
     * but blosclz are optional in a c-blosc build).
     */
    private static final String[] READ_AND_WRITTEN = {"blosclz", "lz4", "zstd", "zlib"};
    private static final Binding BINDING = Binding.load(LIBRARY);

    private InstalledBlosc() {
    }

    /**
     * Whether Blosc is written and read by the installed c-blosc: there is one, 1.21 or later with
     * every compressor Zarrscope uses, and it is not turned off.
     */
    static boolean isUsed() {
        return BINDING.error == null && !"bundled".equals(System.getProperty(CHOICE_PROPERTY));
    }

    /** Which c-blosc compresses, and why: for {@code bench} and the logs. */
    static String describe() {
        if (BINDING.error != null) {
            return "blosc-java's bundled c-blosc (no installed c-blosc to use: " + BINDING.error + ")";
        }
        String installed = "c-blosc " + Binding.blosc_get_version_string() + " installed on this computer";
        return isUsed() ? installed : "blosc-java's bundled c-blosc (" + CHOICE_PROPERTY + "=bundled; " + installed + ")";
    }

    /** Why the library {@code name} cannot serve, or null when it can be loaded. */
    static String whyNot(String name) {
        try {
            NativeLibrary.getInstance(name);
            return null;
        } catch (LinkageError e) { // no such library, or JNA's own native stub does not load here
            return e.toString();
        } catch (Error e) { // JNA says so with a plain Error when it finds a stub of another JNA version
            return unlessTheJvmIsFailing(e);
        }
    }

    /** Whether a c-blosc version string ({@code 1.21.3}, {@code 1.21.6.dev}) is a 1.x from 1.21 on. */
    static boolean isAtLeast121(String version) {
        String[] parts = version.split("\\.");
        try {
            return parts.length >= 2 && Integer.parseInt(parts[0]) == 1 && Integer.parseInt(parts[1]) >= 21;
        } catch (NumberFormatException e) { // not a version this code knows how to compare
            return false;
        }
    }

    /** An {@link Error} JNA throws, as a reason not to use it; the JVM's own (out of memory, …) are thrown on. */
    private static String unlessTheJvmIsFailing(Error e) {
        if (e instanceof VirtualMachineError) {
            throw e;
        }
        return e.toString();
    }

    /**
     * Compresses {@code source} (position to limit) into {@code target} from its position, which
     * has room for {@code source.remaining() + 16} bytes; both direct.
     *
     * @return the frame's length
     */
    static int compress(int clevel, BloscShuffle shuffle, int typeSize, ByteBuffer source, ByteBuffer target,
                        Pointer compressorName) {
        int written = Binding.blosc_compress_ctx(clevel, shuffle.code(), typeSize, source.remaining(), source, target,
                target.remaining(), compressorName, 0, 1);
        if (written <= 0) {
            throw new IllegalStateException("c-blosc could not compress " + source.remaining() + " bytes into "
                    + target.remaining() + " (blosc_compress_ctx returned " + written + ")");
        }
        return written;
    }

    /** Decompresses the whole frame in {@code source} into {@code target}'s remaining bytes, which it must fill; both direct. */
    static void decompress(ByteBuffer source, ByteBuffer target) {
        int expected = target.remaining();
        int written = Binding.blosc_decompress_ctx(source, target, expected, 1);
        if (written != expected) {
            throw new IllegalArgumentException("blosc chunk decompressed to " + written + " bytes, expected " + expected);
        }
    }

    /** {@code cname} as the C string c-blosc takes, made once per codec. */
    static Pointer compressorName(String cname) {
        Memory name = new Memory(cname.length() + 1L);
        name.setString(0, cname, "US-ASCII");
        return name;
    }

    /**
     * JNA's direct mapping of the four functions Zarrscope calls: no reflection per call, and
     * direct buffers are passed as their address at their position. {@code size_t} is a Java
     * {@code long}, so only 64-bit JVMs (the only ones Micro-Manager ships) bind it. Only c-blosc
     * 1.21 or later is used: earlier releases check less of a frame before they read it, so a
     * corrupt chunk could take the JVM down instead of failing its read.
     */
    private static final class Binding {
        final String error;

        private Binding(String error) {
            this.error = error;
        }

        static Binding load(String name) {
            String missing = whyNot(name); // first: it also loads JNA's own stub, and says so if that fails
            if (missing != null) {
                return new Binding(missing);
            }
            if (Native.SIZE_T_SIZE != Long.BYTES) {
                return new Binding("a " + Native.SIZE_T_SIZE * 8 + "-bit JVM");
            }
            try {
                Native.register(Binding.class, NativeLibrary.getInstance(name));
            } catch (LinkageError e) { // a library by that name without c-blosc 1.x's functions (c-blosc 2 is libblosc2)
                return new Binding(e.toString());
            } catch (Error e) {
                return new Binding(unlessTheJvmIsFailing(e));
            }
            String version = blosc_get_version_string();
            if (!isAtLeast121(version)) {
                return new Binding("c-blosc " + version + " is older than 1.21");
            }
            for (String compressor : READ_AND_WRITTEN) {
                if (blosc_compname_to_compcode(compressor) < 0) {
                    return new Binding("c-blosc " + version + " was built without " + compressor);
                }
            }
            return new Binding(null);
        }

        static native int blosc_compress_ctx(int clevel, int doshuffle, long typesize, long nbytes, ByteBuffer src,
                                             ByteBuffer dest, long destsize, Pointer compressor, long blocksize,
                                             int numinternalthreads);

        static native int blosc_decompress_ctx(ByteBuffer src, ByteBuffer dest, long destsize, int numinternalthreads);

        static native int blosc_compname_to_compcode(String compname);

        static native String blosc_get_version_string();
    }
}
