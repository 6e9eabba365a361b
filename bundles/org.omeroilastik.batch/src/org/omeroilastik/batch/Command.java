package org.omeroilastik.batch;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of omero-ilastik. */
interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** Full usage text. */
    String usage();

    ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException;
}
