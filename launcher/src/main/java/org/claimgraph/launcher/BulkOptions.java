package org.claimgraph.launcher;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.neo4j.cli.Converters.MaxOffHeapMemoryConverter;

/**
 * The command line of {@link BulkImport}, in the words of {@code neo4j-admin database import full}
 * where they are the same ({@code --nodes=Entity:Person=header.csv,data.csv},
 * {@code --relationships=TYPE=header.csv,data.csv}, {@code --threads}, {@code --max-off-heap-memory}).
 * {@link #parse} never exits the process.
 */
final class BulkOptions {
    /** U+001F (unit separator): a character no text is expected to hold; elements that do are escaped (ListValues). */
    static final char DEFAULT_ARRAY_DELIMITER = '\u001f';
    static final String DEFAULT_DATABASE = "neo4j";
    private static final Set<String> VALUE_OPTIONS = Set.of("--home", "--database", "--nodes", "--relationships", "--multiline",
            "--array-delimiter", "--threads", "--max-off-heap-memory");

    /** One group of input files: the labels (nodes) or the type (relationships), the header file first. */
    record Group(List<String> labelsOrType, List<Path> files) {}

    Path home;
    String database = DEFAULT_DATABASE;
    final List<Group> nodes = new ArrayList<>();
    final List<Group> relationships = new ArrayList<>();
    /** Files with quoted fields that span lines (parsed sequentially; the others in parallel chunks). */
    final Set<Path> multiline = new LinkedHashSet<>();
    char arrayDelimiter = DEFAULT_ARRAY_DELIMITER;
    int threads = Runtime.getRuntime().availableProcessors();
    /** null: the import tool's default (90% of the free memory). */
    String maxOffHeapMemory;
    /** Halt when stdin reaches EOF (the parent process died): the staging home is then left for the next import to remove. */
    boolean exitOnStdinClose;
    boolean help;

    static BulkOptions parse(String[] args) throws LaunchException {
        BulkOptions o = new BulkOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (a.equals("--help") || a.equals("-h")) {
                o.help = true;
                continue;
            }
            if (a.equals("--exit-on-stdin-close") && value == null) {
                o.exitOnStdinClose = true;
                continue;
            }
            if (!VALUE_OPTIONS.contains(a)) throw LaunchException.usage("Unknown argument '" + args[i] + "'.\n" + usage());
            if (value == null) value = next(args, ++i, a);
            switch (a) {
                case "--home" -> o.home = path(value);
                case "--database" -> o.database = value;
                case "--nodes" -> o.nodes.add(group(value, a, true));
                case "--relationships" -> o.relationships.add(group(value, a, false));
                case "--multiline" -> o.multiline.add(path(value));
                case "--array-delimiter" -> o.arrayDelimiter = character(value);
                case "--threads" -> o.threads = threads(value);
                case "--max-off-heap-memory" -> o.maxOffHeapMemory = value;
                default -> throw new IllegalStateException(a);
            }
        }
        if (o.help) return o;
        if (o.home == null) throw LaunchException.usage("--home is required (the staging Neo4j home the store is written into).\n" + usage());
        if (o.nodes.isEmpty()) throw LaunchException.usage("At least one --nodes group is required.\n" + usage());
        if (!o.database.matches("[a-z][a-z0-9.-]{2,62}")) throw LaunchException.usage("Invalid database name '" + o.database + "'.");
        if (o.arrayDelimiter == ',' || o.arrayDelimiter == '"') {
            throw LaunchException.usage("The array delimiter cannot be the field delimiter (,) or the quote (\").");
        }
        return o;
    }

    /** The off-heap memory in bytes, computed as the import tool does (its own converter). */
    long maxOffHeapMemoryBytes() throws LaunchException {
        try {
            return new MaxOffHeapMemoryConverter().convert(maxOffHeapMemory == null ? "90%" : maxOffHeapMemory);
        } catch (Exception e) {
            throw LaunchException.usage("Invalid --max-off-heap-memory '" + maxOffHeapMemory + "': " + e.getMessage());
        }
    }

    static String usage() {
        return String.join("\n",
                "Usage: java -cp claimgraph-neo4j-launcher.jar org.claimgraph.launcher.BulkImport --home DIR",
                "         --nodes=Label[:Label...]=header.csv,data.csv[,data.csv...] [--nodes=...]",
                "         [--relationships=TYPE=header.csv,data.csv[,...]] [--multiline=FILE] [--database neo4j]",
                "         [--array-delimiter U+001F] [--threads N] [--max-off-heap-memory SIZE|PERCENT] [--exit-on-stdin-close]",
                "  Writes a new store for DATABASE under DIR/data/databases and DIR/data/transactions with Neo4j's",
                "  batch importer (what neo4j-admin database import full runs); DIR must not hold one yet.");
    }

    private static String next(String[] args, int i, String name) throws LaunchException {
        if (i >= args.length || args[i].startsWith("--")) throw LaunchException.usage("Missing value for " + name + ".\n" + usage());
        return args[i];
    }

    private static Path path(String raw) throws LaunchException {
        if (raw.isBlank()) throw LaunchException.usage("An empty path.\n" + usage());
        return Paths.get(raw).toAbsolutePath().normalize();
    }

    /** {@code Label:Label=header,data...} (nodes) or {@code TYPE=header,data...} (relationships). */
    static Group group(String raw, String option, boolean nodes) throws LaunchException {
        int eq = raw.indexOf('=');
        if (eq <= 0 || eq == raw.length() - 1) {
            throw LaunchException.usage(option + " needs " + (nodes ? "Label[:Label...]" : "TYPE") + "=header.csv,data.csv (got '" + raw + "').");
        }
        List<String> names = List.of(raw.substring(0, eq).split(":"));
        if (!nodes && names.size() != 1) throw LaunchException.usage(option + ": one relationship type per group (got '" + raw.substring(0, eq) + "').");
        for (String n : names) {
            if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) throw LaunchException.usage(option + ": '" + n + "' is not a label or type name.");
        }
        List<Path> files = new ArrayList<>();
        for (String f : raw.substring(eq + 1).split(",")) files.add(path(f));
        if (files.size() < 2) throw LaunchException.usage(option + " needs a header file and at least one data file (got '" + raw + "').");
        return new Group(names, files);
    }

    static char character(String raw) throws LaunchException {
        if (raw.length() == 1) return raw.charAt(0);
        String upper = raw.toUpperCase(Locale.ROOT);
        if (upper.startsWith("U+") && raw.length() > 2) {
            try {
                int cp = Integer.parseInt(raw.substring(2), 16);
                if (cp > 0 && cp <= 0xFFFF) return (char) cp;
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw LaunchException.usage("Invalid --array-delimiter '" + raw + "': one character, or U+XXXX.");
    }

    private static int threads(String raw) throws LaunchException {
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw LaunchException.usage("Invalid --threads '" + raw + "': a whole number, at least 1.");
    }
}
