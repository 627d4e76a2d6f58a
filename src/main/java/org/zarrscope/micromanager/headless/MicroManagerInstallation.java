package org.zarrscope.micromanager.headless;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.zarrscope.micromanager.HardwareException;

/**
 * A Micro-Manager installation as {@code zarrscope acquire} uses it: its {@code MMCoreJ.jar}, the
 * native library {@code MMCoreJ_wrap} and the device adapters ({@code mmgr_dal_*}) in the
 * installation folder. MMCoreJ is not bundled with Zarrscope: its native half only exists inside
 * an installation, and the Java half must match it.
 *
 * <p>{@link #connect} loads {@code MMCoreJ.jar} into a class loader of its own together with the
 * package {@code org.zarrscope.micromanager.mmcore} (which is compiled against MMCoreJ), and hands
 * the result back as a plain {@link Microscope}. There is one such loader per {@code MMCoreJ.jar}
 * and JVM: a native library can be bound to one class loader only, so a second loader would fail
 * to load {@code MMCoreJ_wrap} and a script could acquire only once per JVM. MMCoreJ then finds its native library itself: the legacy loader in
 * MMCoreJ searches the folder given by the system property {@code mmcorej.library.path} alone if
 * it is set, otherwise the jar's folder and the two above it (the installation root, for
 * {@code plugins/Micro-Manager/MMCoreJ.jar}), then {@code java.library.path}. This class sets the
 * property to the installation folder when the library is there (and the user has not set it).
 */
public final class MicroManagerInstallation {
    /** Where installers put MMCoreJ.jar, relative to the installation folder, in order of preference. */
    private static final List<String> JAR_PLACES = Arrays.asList("plugins/Micro-Manager/MMCoreJ.jar", "MMCoreJ.jar");
    private static final String NATIVE_LIBRARY = "MMCoreJ_wrap";
    private static final String LIBRARY_PATH_PROPERTY = "mmcorej.library.path";
    /** The package loaded beside MMCoreJ: everything in it is compiled against MMCoreJ. */
    private static final String ADAPTER_PACKAGE = "org.zarrscope.micromanager.mmcore.";
    private static final String ADAPTER = ADAPTER_PACKAGE + "MMCoreMicroscope";
    private static final Map<Path, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private final Path home;
    private final Path jar;

    private MicroManagerInstallation(Path home, Path jar) {
        this.home = home;
        this.jar = jar;
    }

    /**
     * The installation in {@code home}.
     *
     * @throws IOException when the folder does not exist or holds no MMCoreJ.jar; the message
     *                     says where it looked
     */
    public static MicroManagerInstallation at(Path home) throws IOException {
        Path folder = home.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IOException("the Micro-Manager folder " + folder + " does not exist; give the folder Micro-Manager "
                    + "is installed in (the one holding ImageJ.exe or the mmgr_dal_* device adapters)");
        }
        for (String place : JAR_PLACES) {
            Path candidate = folder.resolve(place);
            if (Files.isRegularFile(candidate)) {
                return new MicroManagerInstallation(folder, candidate);
            }
        }
        throw new IOException(folder + " is not a Micro-Manager installation: it has no " + String.join(" or ", JAR_PLACES));
    }

    public Path home() {
        return home;
    }

    /** The installation's MMCoreJ.jar. */
    public Path jar() {
        return jar;
    }

    /**
     * The native library in the installation folder under the name MMCoreJ looks for on this
     * system ({@code MMCoreJ_wrap.dll}, {@code libMMCoreJ_wrap.so}, {@code libMMCoreJ_wrap.jnilib}
     * or {@code .dylib}), or null when it is not there.
     */
    public Path nativeLibrary() {
        String mapped = System.mapLibraryName(NATIVE_LIBRARY);
        List<String> names = mapped.endsWith(".dylib") // macOS builds name it .jnilib, as MMCoreJ also tries
                ? Arrays.asList("lib" + NATIVE_LIBRARY + ".jnilib", mapped) : Arrays.asList(mapped);
        for (String name : names) {
            if (Files.isRegularFile(home.resolve(name))) {
                return home.resolve(name);
            }
        }
        return null;
    }

    /**
     * Starts MMCore from this installation and loads a configuration file.
     *
     * @param systemStateTags whether every frame should carry the state of every device
     * @throws HardwareException when MMCore cannot start (its native library is missing or does
     *                           not match the jar) or refuses the configuration
     */
    public Microscope connect(Path configFile, boolean systemStateTags) throws IOException {
        Path library = nativeLibrary();
        if (library != null && System.getProperty(LIBRARY_PATH_PROPERTY) == null) {
            System.setProperty(LIBRARY_PATH_PROPERTY, home.toString());
        }
        try {
            ClassLoader loader = LOADERS.computeIfAbsent(jar, MicroManagerInstallation::loaderFor);
            return (Microscope) Class.forName(ADAPTER, true, loader)
                    .getConstructor(String.class, String.class, boolean.class)
                    .newInstance(home.toString(), configFile.toAbsolutePath().toString(), systemStateTags);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HardwareException) {
                throw (HardwareException) cause;
            }
            if (cause instanceof LinkageError) {
                // a failed native load surfaces as MMCoreJ's static initialiser failing: report what it hit
                Throwable root = cause instanceof ExceptionInInitializerError && cause.getCause() != null
                        ? cause.getCause() : cause;
                throw new HardwareException("MMCore did not start from " + jar + ": its native library did not load ("
                        + root + ")"
                        + (library == null ? "; there is no " + System.mapLibraryName(NATIVE_LIBRARY) + " in " + home
                                : "; " + library + " may not match this Java (64 bit?) or this MMCoreJ.jar")
                        + ". Run with -Dmmcorej.library.loading.stderr.log=yes to see where MMCoreJ looked", cause);
            }
            throw new HardwareException("MMCore did not start from " + jar + ": " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new HardwareException(jar + " does not provide what Zarrscope needs from MMCoreJ: " + e, e);
        }
    }

    private static ClassLoader loaderFor(Path jar) {
        URL zarrscope = MicroManagerInstallation.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            return new MMCoreClassLoader(new URL[] {jar.toUri().toURL(), zarrscope},
                    MicroManagerInstallation.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("no URL for " + jar, e); // a Path always has one
        }
    }

    /**
     * Loads MMCoreJ's classes and resources, and Zarrscope's {@code mmcore} package which is
     * compiled against them, from its own URLs first; every other class from the parent, so the
     * {@link Microscope} it returns is the type the rest of Zarrscope knows. (A plain
     * URLClassLoader would ask the parent first and find the adapter there, without MMCoreJ.)
     */
    static final class MMCoreClassLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        MMCoreClassLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        private static boolean ownFirst(String className) {
            return className.startsWith("mmcorej.") || className.startsWith(ADAPTER_PACKAGE);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!ownFirst(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            // MMCoreJ locates its jar, and so the native library beside it, through its own class file
            URL own = name.startsWith("mmcorej/") ? findResource(name) : null;
            return own != null ? own : super.getResource(name);
        }
    }
}
