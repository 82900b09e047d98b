package org.claimgraph.launcher;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.graphdb.config.Setting;

/**
 * The launcher's resolved options: command-line arguments win over the environment, the
 * environment wins over the defaults. {@link #parse} never exits the process; {@code --help}
 * only sets {@link #help}.
 */
final class Options {
    static final int DEFAULT_PORT = 7687;
    static final String DEFAULT_TX_TIMEOUT = "30s";
    static final String DEFAULT_PAGECACHE = "512m";
    /** Per-transaction limit as a share of the JVM's max heap (NEO4J_TX_MEMORY_MAX unset). */
    static final double TX_MEMORY_MAX_SHARE = 0.5;
    /** Limit of all transactions together as a share of the heap (NEO4J_TX_MEMORY_TOTAL unset); Neo4j's own default. */
    static final double TX_MEMORY_TOTAL_SHARE = 0.7;
    private static final long MIB = 1024L * 1024L;

    int port = DEFAULT_PORT;
    Path dataDir = Paths.get(".neo4j", "data").toAbsolutePath().normalize();
    /** null: use the stored password, or generate one. */
    String password;
    Duration txTimeout;
    /** db.memory.transaction.max in bytes (0: unlimited). */
    long txMemoryMax;
    /** dbms.memory.transaction.total.max in bytes (0: unlimited). */
    long txMemoryTotal;
    long pageCache;
    boolean exitOnStdinClose;
    boolean help;
    /**
     * Neo4j's plugins directory, scanned for procedures (Graph Data Science); null: none, and no
     * procedure runs unrestricted. NEO4J_PLUGINS_DIR, else {@link #defaultPluginsDir} when it
     * exists; NEO4J_GDS=0 turns it off.
     */
    Path pluginsDir;

    /**
     * @param maxHeap the JVM's max heap in bytes ({@code Runtime.maxMemory()}); the memory limits
     *                default to shares of it
     */
    static Options parse(String[] args, Map<String, String> env, long maxHeap) throws LaunchException {
        Options o = new Options();
        String portRaw = env.get("NEO4J_BOLT_PORT");
        String portSource = "NEO4J_BOLT_PORT";
        String dataDirRaw = env.get("NEO4J_DATA_DIR");

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--port":
                    portRaw = value != null ? value : nextArg(args, ++i, a);
                    portSource = "--port";
                    break;
                case "--data-dir":
                    dataDirRaw = value != null ? value : nextArg(args, ++i, a);
                    if (blank(dataDirRaw)) throw LaunchException.usage("--data-dir needs a directory.\n" + usage());
                    break;
                case "--exit-on-stdin-close":
                    flagWithoutValue(a, value);
                    o.exitOnStdinClose = true;
                    break;
                case "--help":
                case "-h":
                    flagWithoutValue(a, value);
                    o.help = true;
                    break;
                default:
                    throw LaunchException.usage("Unknown argument '" + args[i] + "'.\n" + usage());
            }
        }

        if (!blank(portRaw)) o.port = parsePort(portRaw.trim(), portSource);
        if (!blank(dataDirRaw)) o.dataDir = Paths.get(dataDirRaw.trim()).toAbsolutePath().normalize();

        String password = env.get("NEO4J_PASSWORD");
        if (!blank(password)) {
            if (password.codePoints().count() < 8) {
                throw LaunchException.usage("NEO4J_PASSWORD must be at least 8 characters (Neo4j's minimum password length).");
            }
            o.password = password;
        }
        if (!"0".equals(trimmed(env.get("NEO4J_GDS")))) {
            String plugins = env.get("NEO4J_PLUGINS_DIR");
            if (!blank(plugins)) {
                o.pluginsDir = Paths.get(plugins.trim()).toAbsolutePath().normalize();
                if (!java.nio.file.Files.isDirectory(o.pluginsDir)) {
                    throw LaunchException.usage("NEO4J_PLUGINS_DIR='" + plugins.trim() + "' is not a directory.");
                }
            } else {
                o.pluginsDir = defaultPluginsDir();
            }
        }
        o.txTimeout = parseSetting(GraphDatabaseSettings.transaction_timeout, env, "NEO4J_TX_TIMEOUT", DEFAULT_TX_TIMEOUT);
        o.pageCache = parseSetting(GraphDatabaseSettings.pagecache_memory, env, "NEO4J_PAGECACHE", DEFAULT_PAGECACHE);
        o.txMemoryMax = parseSetting(GraphDatabaseSettings.memory_transaction_max_size, env, "NEO4J_TX_MEMORY_MAX",
                bytes(share(maxHeap, TX_MEMORY_MAX_SHARE)));
        o.txMemoryTotal = parseSetting(GraphDatabaseSettings.memory_transaction_global_max_size, env, "NEO4J_TX_MEMORY_TOTAL",
                bytes(share(maxHeap, TX_MEMORY_TOTAL_SHARE)));
        if (o.txMemoryMax > 0 && o.txMemoryTotal > 0 && o.txMemoryMax > o.txMemoryTotal) {
            throw LaunchException.usage("NEO4J_TX_MEMORY_MAX (" + human(o.txMemoryMax) + ") is larger than NEO4J_TX_MEMORY_TOTAL ("
                    + human(o.txMemoryTotal) + ", all transactions together): lower the first or raise the second"
                    + " (or the heap, NEO4J_HEAP).");
        }
        return o;
    }

    /**
     * target/plugins beside the launcher's jar (Maven copies Graph Data Science there), when it
     * exists; null otherwise (for example when run from target/classes without a package).
     */
    static Path defaultPluginsDir() {
        try {
            Path code = Paths.get(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent() == null ? null : code.getParent().resolve("plugins");
            return dir != null && java.nio.file.Files.isDirectory(dir) && code.toString().endsWith(".jar") ? dir : null;
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    static String usage() {
        return String.join("\n",
                "Usage: java -jar claimgraph-neo4j-launcher.jar [--port N] [--data-dir DIR] [--exit-on-stdin-close]",
                "  --port N               Bolt port on 127.0.0.1 (env NEO4J_BOLT_PORT, default 7687)",
                "  --data-dir DIR         Neo4j home: store, logs and password file (env NEO4J_DATA_DIR, default ./.neo4j/data)",
                "  --exit-on-stdin-close  shut down cleanly when stdin reaches EOF (parent process died)",
                "Env: NEO4J_PASSWORD (min 8 chars; default: generated and kept in DIR/password),",
                "     NEO4J_TX_TIMEOUT (30s), NEO4J_PAGECACHE (512m),",
                "     NEO4J_TX_MEMORY_MAX (per transaction, default half the heap),",
                "     NEO4J_TX_MEMORY_TOTAL (all transactions together, default 70% of the heap); 0 = unlimited,",
                "     NEO4J_PLUGINS_DIR (procedure jars; default target/plugins beside the jar: Graph Data Science),",
                "     NEO4J_GDS=0 (no plugins)");
    }

    /** Rounds down to whole MiB, at least 10 MiB (Neo4j's minimum for the total limit). */
    static long share(long maxHeap, double share) {
        long mib = (long) (maxHeap * share) / MIB;
        return Math.max(10, mib) * MIB;
    }

    static String human(long bytes) {
        if (bytes % (1024 * MIB) == 0) return bytes / (1024 * MIB) + "g";
        if (bytes % MIB == 0) return bytes / MIB + "m";
        return bytes + "B";
    }

    private static String bytes(long b) {
        return b + "B";
    }

    private static int parsePort(String raw, String source) throws LaunchException {
        int port;
        try {
            port = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw LaunchException.usage("Invalid Bolt port '" + raw + "' (" + source + "): expected a number from 1 to 65535.");
        }
        if (port < 1 || port > 65535) {
            throw LaunchException.usage("Bolt port out of range: " + port + " (" + source + "): expected 1 to 65535.");
        }
        return port;
    }

    private static void flagWithoutValue(String name, String value) throws LaunchException {
        if (value != null) throw LaunchException.usage(name + " takes no value (got '" + value + "').\n" + usage());
    }

    private static String nextArg(String[] args, int i, String name) throws LaunchException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw LaunchException.usage("Missing value for " + name + ".\n" + usage());
        }
        return args[i];
    }

    /** Parses the env value (or the default) with Neo4j's own parser and validation for that setting. */
    @SuppressWarnings("unchecked")
    private static <T> T parseSetting(Setting<T> setting, Map<String, String> env, String envName, String fallback)
            throws LaunchException {
        String raw = env.get(envName);
        raw = blank(raw) ? fallback : raw.trim();
        try {
            SettingImpl<T> impl = (SettingImpl<T>) setting;
            T value = impl.parse(raw);
            impl.validate(value, null);
            return value;
        } catch (RuntimeException e) {
            throw LaunchException.usage("Invalid " + envName + "='" + raw + "' for " + setting.name() + ": " + e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
