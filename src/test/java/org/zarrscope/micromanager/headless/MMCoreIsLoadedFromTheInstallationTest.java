package org.zarrscope.micromanager.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.micromanager.HardwareException;
import org.zarrscope.micromanager.mmcore.MMCoreMicroscope;

/**
 * The installation's MMCoreJ.jar (here the real MMCoreJ 10.1.1.0 from Maven, laid out as an
 * installer does, without its native half) is what MMCoreMicroscope runs against; without the
 * native library, connecting fails with a message that says what is missing and how to see where
 * MMCoreJ looked. No Micro-Manager is installed in CI, so the last step (a real MMCore) is not tested.
 */
class MMCoreIsLoadedFromTheInstallationTest {
    @TempDir
    Path home;
    private Path jar;
    /** The JVM-wide library path an earlier connection (a real installation's tests) may have set. */
    private String libraryPath;

    @BeforeEach
    void noLibraryPathYet() {
        libraryPath = System.clearProperty("mmcorej.library.path");
    }

    @AfterEach
    void restoreLibraryPath() {
        if (libraryPath != null) {
            System.setProperty("mmcorej.library.path", libraryPath);
        }
    }

    @BeforeEach
    void layOutAnInstallation() throws Exception {
        URL mavenJar = Class.forName("mmcorej.CMMCore", false, getClass().getClassLoader())
                .getProtectionDomain().getCodeSource().getLocation();
        jar = Files.createDirectories(home.resolve("plugins/Micro-Manager")).resolve("MMCoreJ.jar");
        Files.copy(Paths.get(mavenJar.toURI()), jar);
        Files.write(home.resolve("demo.cfg"), "Property,Core,Initialize,0\n".getBytes());
    }

    @Test
    void theAdapterAndMMCoreJComeFromTheInstallationAndTheInterfaceFromZarrscope() throws Exception {
        MicroManagerInstallation installation = MicroManagerInstallation.at(home);
        assertEquals(jar, installation.jar());
        URL zarrscope = Microscope.class.getProtectionDomain().getCodeSource().getLocation();
        try (MicroManagerInstallation.MMCoreClassLoader loader = new MicroManagerInstallation.MMCoreClassLoader(
                new URL[] {jar.toUri().toURL(), zarrscope}, getClass().getClassLoader())) {
            Class<?> adapter = loader.loadClass(MMCoreMicroscope.class.getName());
            assertSame(loader, adapter.getClassLoader(), "MMCoreMicroscope is defined beside the installation's MMCoreJ");
            Class<?> core = loader.loadClass("mmcorej.CMMCore");
            assertSame(loader, core.getClassLoader());
            assertEquals(jar.toUri().toURL(), core.getProtectionDomain().getCodeSource().getLocation());
            assertTrue(loader.getResource("mmcorej/CMMCore.class").toString().contains(jar.toUri().getPath()),
                    "MMCoreJ finds its own jar (and the native library beside it) through its class file");
            assertSame(Microscope.class, loader.loadClass(Microscope.class.getName()), "the interface is shared");
        }
    }

    @Test
    void withoutTheNativeLibraryConnectingSaysWhatIsMissing() throws IOException {
        MicroManagerInstallation installation = MicroManagerInstallation.at(home);
        assertNull(installation.nativeLibrary());
        HardwareException error = assertThrows(HardwareException.class,
                () -> installation.connect(home.resolve("demo.cfg"), false));
        String message = error.getMessage();
        assertTrue(message.startsWith("MMCore did not start from " + jar), message);
        assertTrue(message.contains("there is no " + System.mapLibraryName("MMCoreJ_wrap") + " in " + home), message);
        assertTrue(message.contains("-Dmmcorej.library.loading.stderr.log=yes"), message);
        assertNull(System.getProperty("mmcorej.library.path"), "no library, no library path");
    }

    @Test
    void aNativeLibraryInTheInstallationIsWhereMMCoreJLooks() throws IOException {
        Path library = home.resolve(System.mapLibraryName("MMCoreJ_wrap"));
        Files.write(library, new byte[] {1, 2, 3}); // not a library: loading it fails, after MMCoreJ was sent there
        MicroManagerInstallation installation = MicroManagerInstallation.at(home);
        assertEquals(library, installation.nativeLibrary());
        try {
            HardwareException error = assertThrows(HardwareException.class,
                    () -> installation.connect(home.resolve("demo.cfg"), false));
            assertEquals(home.toString(), System.getProperty("mmcorej.library.path"));
            assertTrue(error.getMessage().contains(library + " may not match this Java"), error.getMessage());
        } finally {
            System.clearProperty("mmcorej.library.path");
        }
    }

    @Test
    void aFolderWithoutMMCoreJIsNotAnInstallation(@TempDir Path empty) {
        IOException missing = assertThrows(IOException.class, () -> MicroManagerInstallation.at(empty.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        IOException notInstalled = assertThrows(IOException.class, () -> MicroManagerInstallation.at(empty));
        assertTrue(notInstalled.getMessage().contains("is not a Micro-Manager installation: it has no "
                + "plugins/Micro-Manager/MMCoreJ.jar or MMCoreJ.jar"), notInstalled.getMessage());
    }
}
