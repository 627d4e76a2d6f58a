package org.zarrscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.zarrscope.zarr.DatasetInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zarrscope info}: what a dataset holds, from its metadata. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a dataset: format, status, axes, arrays (shape, chunks, shards, codec, files, "
                + "compression ratio) and the frames recorded.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Override
    public Integer call() throws Exception {
        for (String line : DatasetInfo.describe(dataset)) {
            spec.commandLine().getOut().println(line);
        }
        return 0;
    }
}
