package org.zarrscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.zarrscope.dataset.DatasetRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zarrscope recover}: repairs a dataset whose writer was killed. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Repair a dataset whose writer was killed: index unfinished shards from their journals, "
                + "remove unfinished temporary files, mark the image recovered.")
final class RecoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Override
    public Integer call() throws Exception {
        DatasetRecovery recovery = DatasetRecovery.recover(dataset);
        for (String line : recovery.report()) {
            spec.commandLine().getOut().println(line);
        }
        spec.commandLine().getOut().printf("recovered %d shards holding %d chunks; %d chunks could not be recovered%n",
                recovery.shardsRecovered(), recovery.chunksRecovered(), recovery.unrecoverable());
        return recovery.unrecoverable() == 0 ? 0 : 1;
    }
}
