package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of the README is what users copy first: its imports and statements, put in a
 * method as they would put them, compile against Zarrscope's classes. (It is not run: it writes
 * 26.8 GB.)
 */
class TheReadmeJavaExampleCompilesTest {
    @TempDir
    Path temp;

    @Test
    void theWriterExampleCompiles() throws Exception {
        String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("<!-- java-example: writer -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(block.find(), "README.md has no java example 'writer'");
        StringBuilder imports = new StringBuilder();
        StringBuilder statements = new StringBuilder();
        for (String line : block.group(1).split("\n")) {
            (line.startsWith("import ") ? imports : statements).append(line).append('\n');
        }
        Path source = temp.resolve("ReadmeExample.java");
        Files.write(source, (imports + "\nclass ReadmeExample {\n    static void run() throws Exception {\n" + statements
                + "    }\n}\n").getBytes(StandardCharsets.UTF_8));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        // Zarrscope's classes (target/classes) and what their signatures name (the test class path)
        String classPath = Paths.get(AcquisitionWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator + System.getProperty("java.class.path");
        StringWriter errors = new StringWriter();
        int status = javac.getTask(errors, null, null,
                Arrays.asList("-classpath", classPath, "-d", temp.toString(), "-Xlint:none"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source.toFile()))
                .call() ? 0 : 1;
        assertEquals(0, status, "the README's example does not compile:\n" + errors + "\n" + Files.readString(source));
    }
}
