package org.omeroilastik.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options in hyphenated form ({@code --export-source X} or {@code --export-source=X});
 * ilastik's underscore spellings ({@code --export_source}) are accepted as aliases.
 */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> flags = new java.util.HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    /** Parses {@code args}; {@code valued} and {@code switches} list the known option names (hyphenated, without --). */
    static Options parse(List<String> args, Set<String> valued, Set<String> switches) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.equals("--")) {
                o.positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            name = name.replace('_', '-');
            if (switches.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                o.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                o.values.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return o;
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }
}
