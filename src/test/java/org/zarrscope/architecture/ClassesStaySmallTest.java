package org.zarrscope.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every source file of the main code stays about 400 lines or less, so that each class can be
 * read in one sitting, except the cohesive kernels docs/architecture.md names under
 * {@value #KERNELS_HEADING}: the rule and the document cannot drift apart.
 */
class ClassesStaySmallTest {
    /** About 400 lines: the slack keeps a documented setter from failing the build. */
    static final int MOST_LINES = 420;
    static final String KERNELS_HEADING = "## Kernels longer than 400 lines";
    private static final Path[] SOURCES = {Paths.get("src/main/java"), Paths.get("src/mmstudio/java")};

    @Test
    void onlyTheNamedKernelsAreLonger() throws IOException {
        Set<String> kernels = namedKernels();
        List<String> tooLong = new ArrayList<>();
        Set<String> longKernels = new TreeSet<>();
        for (Path root : SOURCES) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                    int lines = Files.readAllLines(file).size();
                    String name = file.getFileName().toString().replace(".java", "");
                    if (lines > MOST_LINES && !kernels.contains(name)) {
                        tooLong.add(file + ": " + lines + " lines");
                    } else if (lines > MOST_LINES) {
                        longKernels.add(name);
                    }
                }
            }
        }
        assertEquals(List.of(), tooLong, "split these, or name them as kernels in docs/architecture.md");
        assertEquals(kernels, longKernels, "docs/architecture.md names kernels that are no longer long, or none exist");
    }

    /** The class names in backticks of the list under the kernels heading. */
    private static Set<String> namedKernels() throws IOException {
        String document = new String(Files.readAllBytes(Paths.get("docs/architecture.md")), "UTF-8");
        int start = document.indexOf(KERNELS_HEADING);
        assertTrue(start >= 0, "docs/architecture.md has a section " + KERNELS_HEADING);
        int end = document.indexOf("\n## ", start + KERNELS_HEADING.length());
        String section = document.substring(start, end < 0 ? document.length() : end);
        Set<String> names = new TreeSet<>();
        Matcher item = Pattern.compile("(?m)^- `(\\w+)`").matcher(section);
        while (item.find()) {
            names.add(item.group(1));
        }
        return names;
    }
}
