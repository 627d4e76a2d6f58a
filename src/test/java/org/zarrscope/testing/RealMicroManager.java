package org.zarrscope.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Micro-Manager installation for the tests that drive real Micro-Manager parts (MMCore with
 * the demo devices, AcqEngJ, mmstudio). It is given as the system property {@code mm.home}
 * ({@code mvn verify -Dmm.home=<folder>}; {@code .ci/run} passes the installation CI keeps beside the project);
 * without it those tests are skipped with a reason, so a clone with nothing beside it still passes.
 *
 * <p>Code that needs the installation's own jars (mmstudio and its dependencies, the MMCoreJ that
 * matches its native library) runs in a child JVM: {@link #java} puts the installation's jars on
 * its class path after Zarrscope's classes, and leaves out the MMCoreJ and AcqEngJ jars Maven
 * compiles against.
 */
public final class RealMicroManager {
    public static final String PROPERTY = "mm.home";
    /** The jars of an installation: mmstudio, MMCoreJ, AcqEngJ and mmstudio's dependencies. */
    private static final String JAR_FOLDER = "plugins/Micro-Manager";
    /** Maven repository folders of the artifacts a child JVM takes from the installation instead. */
    private static final List<String> PROVIDED_BY_THE_INSTALLATION = List.of("/org/micro-manager/",
            "/com/google/guava/", "/org/scijava/");

    private RealMicroManager() {
    }

    /**
     * The installation the tests are pointed at; skips the calling test when there is none.
     * A property that points at something else fails: a misconfigured run must not pass by skipping.
     */
    public static Path home() {
        String given = System.getProperty(PROPERTY, "").trim();
        assumeTrue(!given.isEmpty() && !given.startsWith("${"), "no Micro-Manager installation given: run with -D"
                + PROPERTY + "=<Micro-Manager folder> (.ci/run gives CI's installation)");
        Path home = Paths.get(given).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(home.resolve(JAR_FOLDER).resolve("MMCoreJ.jar")),
                "-D" + PROPERTY + "=" + given + " is not a Micro-Manager installation: no " + JAR_FOLDER + "/MMCoreJ.jar");
        return home;
    }

    /** The project's own demo configuration (device-configs/MMConfig_demo.cfg). */
    public static Path demoConfig() {
        return Paths.get("device-configs", "MMConfig_demo.cfg").toAbsolutePath();
    }

    /** Every jar in the installation's {@code plugins/Micro-Manager} folder, sorted by name. */
    public static List<Path> jars(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve(JAR_FOLDER))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * The class path of a child JVM that runs Zarrscope (and the test classes) inside the
     * installation: this JVM's class path without Maven's copies of what the installation provides
     * (Micro-Manager's jars, and Guava and SciJava, which the build takes compile-only and without
     * their dependencies: Maven's Guava lacks its {@code failureaccess} jar and breaks mmstudio's
     * event buses), then the installation's jars.
     */
    public static String classPath(Path home) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (PROVIDED_BY_THE_INSTALLATION.stream().noneMatch(path::contains)) {
                entries.add(entry);
            }
        }
        for (Path jar : jars(home)) {
            entries.add(jar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Runs {@code mainClass args…} in a child JVM on {@link #classPath}, with MMCore's native
     * library and device adapters found in the installation, and waits for it.
     *
     * @param jvmOptions more JVM options (system properties, {@code --add-opens})
     * @param environment variables to set for the child (e.g. {@code HOME}, {@code DISPLAY})
     * @param log        where its standard output and error go
     * @return its exit code
     */
    public static int java(Path home, List<String> jvmOptions, Map<String, String> environment, Path log,
            long timeoutSeconds, String mainClass, String... args) throws IOException, InterruptedException {
        return java(home, classPath(home), jvmOptions, environment, log, timeoutSeconds, mainClass, args);
    }

    /**
     * As {@link #java(Path, List, Map, Path, long, String, String...)}, on the given class path: for a
     * child that must not see Zarrscope's classes (MMStudio finds plugins on its own class path too,
     * so a plugin jar in {@code mmplugins/} is only tested when the class path lacks Zarrscope).
     */
    public static int java(Path home, String classPath, List<String> jvmOptions, Map<String, String> environment,
            Path log, long timeoutSeconds, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Arrays.asList(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmmcorej.library.path=" + home, "-cp", classPath));
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process child = builder.start();
        if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError(mainClass + " did not end within " + timeoutSeconds + " s; its output:\n"
                    + ZarrscopeChild.output(log));
        }
        return child.exitValue();
    }
}
