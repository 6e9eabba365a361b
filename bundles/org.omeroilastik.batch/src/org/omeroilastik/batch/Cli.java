package org.omeroilastik.batch;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code omero-ilastik COMMAND ARGS...} and runs the command. */
public final class Cli {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Cli(ServiceLookup services) {
        add(new InspectCommand(services));
        add(new RunCommand(services));
        add(new DemoCommand(services));
        add(new BenchCommand(services));
        add(new ImportCommand(services));
        add(new BrowseCommand(services));
        add(new BatchCommand(services));
        add(new CleanCommand(services));
    }

    private void add(Command c) {
        commands.put(c.name(), c);
    }

    /** Runs one invocation; never throws, always returns the exit code. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            if (args.size() > 1 && commands.containsKey(args.get(1))) {
                out.print(commands.get(args.get(1)).usage());
            } else {
                out.print(help());
            }
            return args.isEmpty() ? ExitCode.BAD_INPUT.code() : ExitCode.SUCCESS.code();
        }
        Command command = commands.get(args.get(0));
        if (command == null) {
            err.println("omero-ilastik: unknown command '" + args.get(0) + "' (try --help)");
            return ExitCode.BAD_INPUT.code();
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(command.usage());
            return ExitCode.SUCCESS.code();
        }
        try {
            return command.run(rest, out, err).code();
        } catch (UsageException e) {
            err.println("omero-ilastik " + command.name() + ": " + e.getMessage() + " (try omero-ilastik " + command.name() + " --help)");
            return ExitCode.BAD_INPUT.code();
        } catch (RuntimeException e) {
            // A bug, not bad input: say so in one line and point at the log rather than dumping a trace.
            err.println("omero-ilastik " + command.name() + ": internal error: " + e);
            return ExitCode.BAD_INPUT.code();
        }
    }

    String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("omero-ilastik: run ilastik projects over images, headless.\n\n");
        sb.append("Usage: omero-ilastik COMMAND [OPTIONS] [ARGS]\n\nCommands:\n");
        for (Command c : commands.values()) {
            sb.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        sb.append("\nomero-ilastik COMMAND --help shows a command's options.\n");
        sb.append("Exit codes: 0 success, 1 partial failure (some items failed, the rest done), 2 bad input or usage.\n");
        return sb.toString();
    }
}
