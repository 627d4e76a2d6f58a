package org.zarrscope.micromanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import bsh.Interpreter;
import bsh.Parser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.zarr.ZarrJson;

/**
 * The script examples of docs/micro-manager.md are what users copy: the Beanshell example of the
 * plain writer runs here as in Micro-Manager's script panel, against a stand-in for the core that
 * hands out frames like a sequence acquisition, and the dataset it writes (Zarr v3, the default)
 * is read back with zarrita. The AcqEngJ examples need a real core and camera; for them every class they name
 * must exist and every method they call must be a public method of those classes, and the code
 * must parse (Beanshell) or compile (Python).
 */
@ExternalProcess
class TheScriptExamplesInTheDocsWorkTest {
    private static final Path DOC = Paths.get("docs", "micro-manager.md");

    /** The code block that follows {@code <!-- <kind>-example: <name> -->} in the doc. */
    private static String example(String kind, String name) throws Exception {
        String doc = new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("<!-- " + kind + "-example: " + Pattern.quote(name) + " -->\\s*```\\w*\\n(.*?)```",
                Pattern.DOTALL).matcher(doc);
        assertTrue(block.find(), "docs/micro-manager.md has no " + kind + " example '" + name + "'");
        return block.group(1);
    }

    /** What the plain-writer example needs of MMCore's {@code CMMCore}, same names and types: a sequence of frames. */
    public static final class SequenceCore {
        static final int WIDTH = 64;
        static final int HEIGHT = 32;
        private final int available;
        private int requested;
        private int popped;
        private boolean running;

        SequenceCore(int available) {
            this.available = available;
        }

        public long getImageWidth() { return WIDTH; }

        public long getImageHeight() { return HEIGHT; }

        public long getBytesPerPixel() { return 2; }

        public void startSequenceAcquisition(int numImages, double intervalMs, boolean stopOnOverflow) {
            requested = numImages;
            running = true;
        }

        public int getRemainingImageCount() { return Math.min(requested, available) - popped; }

        public boolean isSequenceRunning() { return running && popped < Math.min(requested, available); }

        public TaggedImage popNextTaggedImage() throws Exception {
            JSONObject tags = new JSONObject();
            tags.put("ElapsedTime-ms", popped * 10.0);
            tags.put("Exposure-ms", 5.0);
            tags.put("Camera", "Stand-in");
            return new TaggedImage(pixels(popped++), tags);
        }

        public void stopSequenceAcquisition() {
            running = false;
        }

        static short[] pixels(int frame) {
            short[] pixels = new short[WIDTH * HEIGHT];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (short) (frame * 31 + i * 7);
            }
            return pixels;
        }
    }

    @Test
    void thePlainWriterExampleSavesEveryFrameOfTheSequence(@TempDir Path root) throws Exception {
        String script = example("beanshell", "plain-writer").replace("\"C:/data\"",
                "\"" + root.toString().replace('\\', '/') + "\"");
        Interpreter beanshell = new Interpreter();
        beanshell.set("mmc", new SequenceCore(1000));
        beanshell.eval(script);

        Path output = root.resolve("burst_1.ome.zarr");
        assertEquals(1000, beanshell.get("saved"));
        assertEquals(output.toString(), beanshell.get("output").toString());
        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("burst", output, "0")).get("burst")
                .assertReadable();
        assertEquals(1000, read.shape()[0]);
        for (int t = 0; t < 1000; t += 111) {
            ByteBuffer expected = ByteBuffer.allocate(SequenceCore.WIDTH * SequenceCore.HEIGHT * 2)
                    .order(ByteOrder.LITTLE_ENDIAN);
            expected.asShortBuffer().put(SequenceCore.pixels(t));
            assertEquals(ZarrPython.sha256(expected), read.plane(t, 0, 0), "frame " + t);
        }
        JsonNode table = ZarrJson.MAPPER.readTree(output.resolve("zarrscope/frames/0.json").toFile());
        assertEquals(1000, table.path("frames").size());
        assertEquals("Stand-in", table.path("frames").get(999).path("camera").asText());
        assertEquals(9990.0, table.path("frames").get(999).path("elapsedMs").asDouble());
    }

    @Test
    void theAcqEngJBeanshellExampleParsesAndCallsOnlyRealClassesAndMethods() throws Exception {
        String script = example("beanshell", "acqengj-sink");
        Parser parser = new Parser(new StringReader(script));
        while (!parser.Line()) {
            parser.popNode(); // throws ParseException on a syntax error
        }
        Set<Class<?>> classes = new HashSet<>();
        Matcher imports = Pattern.compile("(?m)^import ([\\w.]+);").matcher(script);
        while (imports.find()) {
            classes.add(Class.forName(imports.group(1), false, getClass().getClassLoader()));
        }
        classes.add(Class.forName("mmcorej.CMMCore", false, getClass().getClassLoader())); // mmc
        assertCallsExist(script, classes, name -> name);
    }

    @Test
    void thePycroManagerExampleCompilesAndCallsOnlyRealClassesAndMethods(@TempDir Path work) throws Exception {
        String script = example("python", "pycro-manager");
        Path file = work.resolve("example.py");
        Files.write(file, script.getBytes(StandardCharsets.UTF_8));
        Process compile = new ProcessBuilder(ZarrPython.python(), "-m", "py_compile", file.toString())
                .redirectErrorStream(true).start();
        assertTrue(compile.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, compile.exitValue(), new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        Set<Class<?>> classes = new HashSet<>();
        Matcher named = Pattern.compile("Java(?:Object|Class)\\(\\s*\"([\\w.]+)\"").matcher(script);
        while (named.find()) {
            classes.add(Class.forName(named.group(1), false, getClass().getClassLoader()));
        }
        classes.add(Class.forName("mmcorej.CMMCore", false, getClass().getClassLoader())); // Core()
        // pycro-manager turns Java's camelCase into snake_case; pycromanager's own Python names are skipped
        assertCallsExist(script.replaceAll("(?m)^from pycromanager import.*$", ""), classes,
                TheScriptExamplesInTheDocsWorkTest::camelCase);
    }

    /**
     * Every {@code .name(} call of the script is a public method of one of the classes, of a
     * class their public methods return, or of {@code Object}.
     */
    private static void assertCallsExist(String script, Set<Class<?>> named, java.util.function.UnaryOperator<String> javaName) {
        Set<String> methods = new HashSet<>();
        List<Class<?>> classes = new ArrayList<>(named);
        for (Class<?> type : named) {
            for (Method method : type.getMethods()) {
                classes.add(method.getReturnType());
            }
            for (Class<?> nested : type.getClasses()) {
                classes.add(nested);
            }
        }
        classes.add(Object.class);
        for (Class<?> type : classes) {
            for (Method method : type.getMethods()) {
                if (Modifier.isPublic(method.getModifiers())) {
                    methods.add(method.getName());
                }
            }
        }
        Matcher calls = Pattern.compile("\\.(\\w+)\\(").matcher(script.replaceAll("(?m)^import .*$", ""));
        while (calls.find()) {
            String call = javaName.apply(calls.group(1));
            if (!methods.contains(call) && !call.equals("print")) {
                fail("the example calls " + calls.group(1) + "(), which none of " + named + " has");
            }
        }
    }

    private static String camelCase(String snake) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return camel.toString();
    }
}
