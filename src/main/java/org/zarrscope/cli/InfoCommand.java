package org.zarrscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.zarrscope.dataset.DatasetInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zarrscope info}: what a dataset holds, from its metadata. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a dataset: format, status, axes, arrays (shape, chunks, shards, codec, files, "
                + "compression ratio of the chunks stored) and the frames recorded.")
final class InfoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Option(names = "--json", description = "Print the facts as JSON, for scripts (sizes in bytes; keys in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ObjectNode info = DatasetInfo.read(dataset);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(info));
        } else {
            InfoReport.of(info).forEach(out::println);
        }
        out.flush();
        return 0;
    }
}
