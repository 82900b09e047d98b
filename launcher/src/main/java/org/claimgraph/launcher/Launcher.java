package org.claimgraph.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Runs Neo4j Community embedded with only the Bolt connector, bound to 127.0.0.1.
 *
 * <p>Protocol with the parent process (see server/neo4j/launcher.ts):
 * <ul>
 *   <li>stdout: exactly one {@code CLAIMGRAPH_NEO4J_READY {json}} line once Bolt accepts connections;
 *       {@code CLAIMGRAPH_NEO4J_STOPPED} after a clean shutdown;
 *       {@code CLAIMGRAPH_NEO4J_FAILED {json}} before a non-zero exit.</li>
 *   <li>stderr: human-readable progress and Neo4j's user log. Neo4j's debug log goes to
 *       {@code <data-dir>/logs/debug.log}.</li>
 *   <li>The password is never printed; it lives in {@code <data-dir>/password} (mode 600).</li>
 * </ul>
 */
public final class Launcher {
    static final String READY_PREFIX = "CLAIMGRAPH_NEO4J_READY ";
    static final String STOPPED_LINE = "CLAIMGRAPH_NEO4J_STOPPED";
    static final String FAILED_PREFIX = "CLAIMGRAPH_NEO4J_FAILED ";
    static final String USER = "neo4j";
    static final String HOST = "127.0.0.1";

    static final int EXIT_OK = 0;
    static final int EXIT_ERROR = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_PORT_IN_USE = 3;
    static final int EXIT_STORE_LOCKED = 4;

    /** Raised for expected, explainable failures: message is shown as-is. */
    static final class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;
        final String reason;

        LaunchException(int exitCode, String reason, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
            this.reason = reason;
        }

        LaunchException(int exitCode, String reason, String message) {
            this(exitCode, reason, message, null);
        }
    }

    /** Resolved options (CLI args win over env, env wins over defaults). */
    static final class Options {
        int port = 7687;
        Path dataDir = Paths.get(".neo4j", "data");
        String password; // null: use/generate the stored one
        Duration txTimeout;
        long txMemoryMax;
        long pageCache;
        boolean exitOnStdinClose;
        String txTimeoutRaw = "30s";
        String txMemoryMaxRaw = "1g";
        String pageCacheRaw = "512m";
    }

    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;
    private static final Object LIFECYCLE = new Object();
    private static volatile DatabaseManagementService dbms;
    private static volatile boolean stopping;

    private Launcher() {}

    public static void main(String[] args) {
        int code;
        try {
            Options opts = parseOptions(args, System.getenv());
            run(opts);
            return; // running; the shutdown hook ends the process
        } catch (LaunchException e) {
            fail(e.reason, e.getMessage(), e.getCause());
            code = e.exitCode;
        } catch (Throwable t) {
            LaunchException known = classify(t);
            if (known != null) {
                fail(known.reason, known.getMessage(), t);
                code = known.exitCode;
            } else {
                fail("error", "Neo4j failed to start: " + rootMessage(t), t);
                code = EXIT_ERROR;
            }
        }
        shutdownQuietly();
        // halt: skip our own shutdown hook (nothing to stop) and any lingering non-daemon threads.
        OUT.flush();
        ERR.flush();
        Runtime.getRuntime().halt(code);
    }

    // ------------------------------------------------------------------ options

    static Options parseOptions(String[] args, Map<String, String> env) throws LaunchException {
        Options o = new Options();
        String portRaw = env.get("NEO4J_BOLT_PORT");
        String dataDirRaw = env.get("NEO4J_DATA_DIR");
        o.password = emptyToNull(env.get("NEO4J_PASSWORD"));
        if (emptyToNull(env.get("NEO4J_TX_TIMEOUT")) != null) o.txTimeoutRaw = env.get("NEO4J_TX_TIMEOUT").trim();
        if (emptyToNull(env.get("NEO4J_TX_MEMORY_MAX")) != null) o.txMemoryMaxRaw = env.get("NEO4J_TX_MEMORY_MAX").trim();
        if (emptyToNull(env.get("NEO4J_PAGECACHE")) != null) o.pageCacheRaw = env.get("NEO4J_PAGECACHE").trim();

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
                    break;
                case "--data-dir":
                    dataDirRaw = value != null ? value : nextArg(args, ++i, a);
                    break;
                case "--exit-on-stdin-close":
                    o.exitOnStdinClose = true;
                    break;
                case "--help":
                case "-h":
                    OUT.println(usage());
                    OUT.flush();
                    Runtime.getRuntime().halt(EXIT_OK);
                    break;
                default:
                    throw new LaunchException(EXIT_USAGE, "usage", "Unknown argument '" + args[i] + "'.\n" + usage());
            }
        }

        if (emptyToNull(portRaw) != null) {
            try {
                o.port = Integer.parseInt(portRaw.trim());
            } catch (NumberFormatException e) {
                throw new LaunchException(EXIT_USAGE, "usage", "Invalid Bolt port '" + portRaw + "' (NEO4J_BOLT_PORT / --port).");
            }
            if (o.port < 1 || o.port > 65535) {
                throw new LaunchException(EXIT_USAGE, "usage", "Bolt port out of range: " + o.port + " (NEO4J_BOLT_PORT / --port).");
            }
        }
        if (emptyToNull(dataDirRaw) != null) o.dataDir = Paths.get(dataDirRaw.trim());
        o.dataDir = o.dataDir.toAbsolutePath().normalize();

        if (o.password != null) {
            if (o.password.codePoints().count() < 8) {
                throw new LaunchException(EXIT_USAGE, "usage", "NEO4J_PASSWORD must be at least 8 characters (Neo4j's minimum password length).");
            }
        }
        o.txTimeout = parseSetting(GraphDatabaseSettings.transaction_timeout, o.txTimeoutRaw, "NEO4J_TX_TIMEOUT");
        o.txMemoryMax = parseSetting(GraphDatabaseSettings.memory_transaction_max_size, o.txMemoryMaxRaw, "NEO4J_TX_MEMORY_MAX");
        o.pageCache = parseSetting(GraphDatabaseSettings.pagecache_memory, o.pageCacheRaw, "NEO4J_PAGECACHE");
        return o;
    }

    static String usage() {
        return String.join("\n",
                "Usage: java -jar claimgraph-neo4j-launcher.jar [--port N] [--data-dir DIR] [--exit-on-stdin-close]",
                "  --port N               Bolt port on 127.0.0.1 (env NEO4J_BOLT_PORT, default 7687)",
                "  --data-dir DIR         Neo4j home: store, logs and password file (env NEO4J_DATA_DIR, default ./.neo4j/data)",
                "  --exit-on-stdin-close  shut down cleanly when stdin reaches EOF (parent process died)",
                "Env: NEO4J_PASSWORD (min 8 chars; default: generated and kept in DIR/password),",
                "     NEO4J_TX_TIMEOUT (30s), NEO4J_TX_MEMORY_MAX (1g), NEO4J_PAGECACHE (512m)");
    }

    private static String nextArg(String[] args, int i, String name) throws LaunchException {
        if (i >= args.length) throw new LaunchException(EXIT_USAGE, "usage", "Missing value for " + name + ".\n" + usage());
        return args[i];
    }

    @SuppressWarnings("unchecked")
    private static <T> T parseSetting(Setting<T> setting, String raw, String envName) throws LaunchException {
        try {
            SettingImpl<T> impl = (SettingImpl<T>) setting;
            T value = impl.parse(raw);
            return value;
        } catch (RuntimeException e) {
            throw new LaunchException(EXIT_USAGE, "usage",
                    "Invalid " + envName + "='" + raw + "' for " + setting.name() + ": " + e.getMessage());
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ------------------------------------------------------------------ run

    static void run(Options o) throws Exception {
        long t0 = System.nanoTime();
        Path home = o.dataDir;
        createPrivateDirectories(home);
        assertPortFree(o.port);

        Path passwordFile = home.resolve("password");
        String stored = readPasswordFile(passwordFile);
        String password = o.password != null ? o.password : (stored != null ? stored : generatePassword());

        Path systemDbDir = home.resolve("data").resolve("databases").resolve("system");
        boolean firstStart = !Files.isDirectory(systemDbDir);
        Config initialConfig = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
        Path authIni = CommunitySecurityModule.getInitialUserRepositoryFile(initialConfig);
        if (firstStart) {
            // Like `neo4j-admin dbms set-initial-password`: the system database picks this up
            // when it is created, so the default neo4j/neo4j account never exists.
            writeInitialPassword(authIni, password);
        }

        Thread hook = new Thread(Launcher::onShutdown, "claimgraph-neo4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        ERR.println("claimgraph-neo4j: starting Neo4j " + Version.getNeo4jVersion() + " (data dir " + home
                + ", bolt " + HOST + ":" + o.port + ")");
        synchronized (LIFECYCLE) {
            if (stopping) return;
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(new Log4jLogProvider(ERR, Level.INFO))
                    .setConfig(buildConfig(o, home));
            dbms = builder.build();
        }

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!neo4j.isAvailable(TimeUnit.MINUTES.toMillis(5))) {
            throw new LaunchException(EXIT_ERROR, "unavailable", "Database 'neo4j' did not become available.");
        }
        applyPassword(system, password, firstStart);
        writePasswordFile(passwordFile, password);
        if (firstStart) Files.deleteIfExists(authIni);

        waitForBolt(o.port, Duration.ofSeconds(30));

        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("bolt", "bolt://" + HOST + ":" + o.port);
        ready.put("version", Version.getNeo4jVersion());
        ready.put("dataDir", home.toString());
        ready.put("user", USER);
        ready.put("passwordFile", passwordFile.toString());
        ready.put("pid", ProcessHandle.current().pid());
        ready.put("startMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        OUT.println(READY_PREFIX + toJson(ready));
        OUT.flush();

        if (o.exitOnStdinClose) startStdinWatcher();
        new CountDownLatch(1).await(); // park main; the shutdown hook does the rest
    }

    private static Map<Setting<?>, Object> buildConfig(Options o, Path home) {
        Map<Setting<?>, Object> c = new LinkedHashMap<>();
        // Network: Bolt only, loopback only, plain text (local dev).
        c.put(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST));
        c.put(BoltConnector.enabled, true);
        c.put(BoltConnector.listen_address, new SocketAddress(HOST, o.port));
        c.put(BoltConnector.advertised_address, new SocketAddress(HOST, o.port));
        c.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        c.put(HttpConnector.enabled, false);
        c.put(HttpsConnector.enabled, false);
        c.put(GraphDatabaseSettings.routing_enabled, false);
        c.put(GraphDatabaseSettings.udc_enabled, false);
        // Security.
        c.put(GraphDatabaseSettings.auth_enabled, true);
        c.put(GraphDatabaseSettings.allow_file_urls, false);
        c.put(GraphDatabaseSettings.procedure_unrestricted, List.of());
        // Resource limits.
        c.put(GraphDatabaseSettings.transaction_timeout, o.txTimeout);
        c.put(GraphDatabaseSettings.memory_transaction_max_size, o.txMemoryMax);
        c.put(GraphDatabaseSettings.pagecache_memory, o.pageCache);
        c.put(GraphDatabaseSettings.keep_logical_logs, "2 files");
        c.put(GraphDatabaseSettings.logs_directory, home.resolve("logs"));
        // Bolt's netty event loops otherwise wait a 5 s quiet period each (two loops) on shutdown.
        c.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        c.put(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));
        return c;
    }

    // ------------------------------------------------------------------ password

    static String generatePassword() {
        byte[] bytes = new byte[18]; // 18 bytes -> 24 url-safe base64 chars
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String readPasswordFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return null;
        tightenPermissions(file);
        String s = Files.readString(file, StandardCharsets.UTF_8);
        while (s.endsWith("\n") || s.endsWith("\r")) s = s.substring(0, s.length() - 1);
        return s.isEmpty() ? null : s;
    }

    static void writePasswordFile(Path file, String password) throws IOException {
        String existing = Files.isRegularFile(file) ? readPasswordFile(file) : null;
        if (password.equals(existing)) return;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        tightenPermissions(file);
    }

    private static void tightenPermissions(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
        if (!perms.equals(owner)) Files.setPosixFilePermissions(file, owner);
    }

    private static void writeInitialPassword(Path authIni, String password) throws Exception {
        Files.createDirectories(authIni.getParent());
        Files.deleteIfExists(authIni);
        try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            FileUserRepository repo = new FileUserRepository(fs, authIni, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            repo.start();
            try {
                SystemGraphCredential credential = SystemGraphCredential.createCredentialForPassword(
                        password.getBytes(StandardCharsets.UTF_8), new SecureHasher());
                repo.create(new User(USER, null, credential, false, false));
            } finally {
                repo.shutdown();
            }
        }
        Files.setPosixFilePermissions(authIni, PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * Makes sure user neo4j logs in with {@code password} and no forced change: checks with the
     * DBMS's own auth manager and, if needed, runs ALTER USER against the system database.
     */
    private static void applyPassword(GraphDatabaseService system, String password, boolean firstStart) throws LaunchException {
        AuthenticationResult result = tryLogin(system, password);
        if (result == AuthenticationResult.SUCCESS) return;
        if (result == null && firstStart) return; // could not verify; auth.ini applied it
        try {
            if (result == AuthenticationResult.PASSWORD_CHANGE_REQUIRED) {
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            } else {
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
            }
        } catch (RuntimeException e) {
            String msg = String.valueOf(rootMessage(e));
            if (result == null && msg.contains("Old password and new password cannot be the same")) return;
            throw new LaunchException(EXIT_ERROR, "password", "Could not set the password of user neo4j: " + msg, e);
        }
        if (result != null) {
            AuthenticationResult after = tryLogin(system, password);
            if (after != null && after != AuthenticationResult.SUCCESS) {
                throw new LaunchException(EXIT_ERROR, "password", "Password for user neo4j was set but login still fails (" + after + ").");
            }
        }
        ERR.println("claimgraph-neo4j: password of user neo4j updated");
    }

    /** Returns the auth result, or null if the check itself is not possible. */
    private static AuthenticationResult tryLogin(GraphDatabaseService system, String password) {
        try {
            AuthManager auth = ((GraphDatabaseAPI) system).getDependencyResolver().resolveDependency(AuthManager.class);
            LoginContext ctx = auth.login(
                    AuthToken.newBasicAuthToken(USER, password.getBytes(StandardCharsets.UTF_8)),
                    ClientConnectionInfo.EMBEDDED_CONNECTION);
            return ctx.subject().getAuthenticationResult();
        } catch (Exception | LinkageError e) {
            ERR.println("claimgraph-neo4j: could not verify the password in-process (" + e + "); applying it");
            return null;
        }
    }

    // ------------------------------------------------------------------ checks

    private static void createPrivateDirectories(Path dir) throws LaunchException {
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.getParent();
                if (parent != null) Files.createDirectories(parent);
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException ignored) {
                    // raced with someone else; fine
                }
            }
            if (!Files.isWritable(dir)) {
                throw new LaunchException(EXIT_ERROR, "data_dir", "Data directory is not writable: " + dir);
            }
        } catch (IOException e) {
            throw new LaunchException(EXIT_ERROR, "data_dir", "Cannot create data directory " + dir + ": " + e, e);
        }
    }

    private static void assertPortFree(int port) throws LaunchException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw portInUse(port, e);
        }
    }

    private static LaunchException portInUse(int port, Throwable cause) {
        return new LaunchException(EXIT_PORT_IN_USE, "port_in_use",
                "Bolt port " + HOST + ":" + port + " is already in use (another Neo4j?). "
                        + "Stop it or choose another port with NEO4J_BOLT_PORT / --port.", cause);
    }

    private static void waitForBolt(int port, Duration timeout) throws LaunchException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 1000);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(50);
            }
        }
        throw new LaunchException(EXIT_ERROR, "bolt", "Bolt did not accept connections on " + HOST + ":" + port + ": " + last, last);
    }

    /** Maps well-known startup failures (lock held, port bound) to clear messages. */
    static LaunchException classify(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c.getClass().getName().endsWith("FileLockException")) {
                return new LaunchException(EXIT_STORE_LOCKED, "store_locked",
                        "The store in this data directory is locked by another process (another Neo4j using the same "
                                + "data dir is running?): " + c.getMessage(), t);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String name = c.getClass().getName();
            String msg = String.valueOf(c.getMessage());
            if (name.endsWith("FileLockException") || msg.contains("Lock file has been locked")
                    || msg.contains("locked by another process")) {
                return new LaunchException(EXIT_STORE_LOCKED, "store_locked",
                        "The store in this data directory is locked by another process (another Neo4j using the same "
                                + "data dir is running?): " + msg, t);
            }
            if (name.endsWith("PortBindException") || c instanceof java.net.BindException
                    || msg.contains("Address already in use")) {
                return new LaunchException(EXIT_PORT_IN_USE, "port_in_use",
                        "Bolt port is already in use (another Neo4j?): " + msg
                                + ". Stop it or choose another port with NEO4J_BOLT_PORT / --port.", t);
            }
            if (c.getCause() == c) break;
        }
        return null;
    }

    // ------------------------------------------------------------------ lifecycle

    private static void startStdinWatcher() {
        Thread t = new Thread(() -> {
            try {
                InputStream in = System.in;
                byte[] buf = new byte[256];
                while (in.read(buf) >= 0) {
                    // ignore input; we only care about EOF
                }
            } catch (IOException ignored) {
                // treat as closed
            }
            if (!stopping) {
                ERR.println("claimgraph-neo4j: stdin closed (parent gone), shutting down");
                System.exit(0);
            }
        }, "claimgraph-neo4j-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void onShutdown() {
        synchronized (LIFECYCLE) {
            stopping = true;
            DatabaseManagementService s = dbms;
            if (s == null) return;
            ERR.println("claimgraph-neo4j: stopping Neo4j");
            try {
                s.shutdown();
                dbms = null;
                OUT.println(STOPPED_LINE);
            } catch (Throwable e) {
                ERR.println("claimgraph-neo4j: error during shutdown: " + e);
                e.printStackTrace(ERR);
            }
            OUT.flush();
            ERR.flush();
        }
    }

    private static void shutdownQuietly() {
        synchronized (LIFECYCLE) {
            DatabaseManagementService s = dbms;
            dbms = null;
            if (s != null) {
                try {
                    s.shutdown();
                } catch (Throwable ignored) {
                    // already failing
                }
            }
        }
    }

    // ------------------------------------------------------------------ output

    private static void fail(String reason, String message, Throwable cause) {
        ERR.println("claimgraph-neo4j: ERROR: " + message);
        if (cause != null && System.getenv("CLAIMGRAPH_NEO4J_DEBUG") != null) cause.printStackTrace(ERR);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", reason);
        m.put("message", message);
        OUT.println(FAILED_PREFIX + toJson(m));
        OUT.flush();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        List<String> seen = new ArrayList<>();
        while (root.getCause() != null && root.getCause() != root && seen.size() < 20) {
            seen.add(String.valueOf(root.getMessage()));
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    static String toJson(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(jsonString(e.getKey())).append(':');
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) sb.append(v);
            else sb.append(jsonString(String.valueOf(v)));
        }
        return sb.append('}').toString();
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (ch < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    else sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
