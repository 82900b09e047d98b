package org.claimgraph.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.neo4j.server.security.auth.CommunitySecurityModule;

/**
 * One embedded Neo4j with the launcher's settings: {@link #start} returns once database "neo4j" is
 * available, the password applies and Bolt accepts TCP connections.
 */
final class EmbeddedNeo4j implements AutoCloseable {
    private final DatabaseManagementService dbms;
    private final Options options;
    private final Path passwordFile;
    private final long startMillis;

    private EmbeddedNeo4j(DatabaseManagementService dbms, Options options, Path passwordFile, long startMillis) {
        this.dbms = dbms;
        this.options = options;
        this.passwordFile = passwordFile;
        this.startMillis = startMillis;
    }

    /**
     * Builds the DBMS through a gate, so that a caller with a shutdown hook can make building and
     * stopping exclusive (a half-started DBMS is still shut down cleanly).
     */
    @FunctionalInterface
    interface Gate {
        DatabaseManagementService open(Supplier<DatabaseManagementService> build) throws LaunchException;
    }

    static final Gate DIRECT = Supplier::get;

    static EmbeddedNeo4j start(Options o, Protocol protocol, Gate gate) throws Exception {
        long t0 = System.nanoTime();
        Path home = o.dataDir;
        Preflight.createPrivateDirectory(home);
        Preflight.assertPortFree(o.port);

        Path passwordFile = home.resolve("password");
        String stored = Passwords.read(passwordFile);
        String password = o.password != null ? o.password : (stored != null ? stored : Passwords.generate());

        boolean firstStart = !Files.isDirectory(home.resolve("data").resolve("databases").resolve("system"));
        Path authIni = CommunitySecurityModule.getInitialUserRepositoryFile(
                Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build());
        if (firstStart) Passwords.writeInitialUser(authIni, password);

        protocol.progress("starting Neo4j " + Version.getNeo4jVersion() + " (data dir " + home + ", bolt "
                + Preflight.HOST + ":" + o.port + ")");
        DatabaseManagementService dbms;
        try {
            dbms = gate.open(() -> new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(new Log4jLogProvider(protocol.err(), Level.INFO))
                    .setConfig(Neo4jSettings.of(o, home))
                    .build());
        } catch (LaunchException e) {
            throw e;
        } catch (Throwable t) {
            throw Failures.toLaunchException(t);
        }
        try {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!neo4j.isAvailable(TimeUnit.MINUTES.toMillis(5))) {
                throw new LaunchException(LaunchException.EXIT_ERROR, "unavailable", "Database 'neo4j' did not become available.");
            }
            applyPassword(system, password, firstStart, protocol);
            Passwords.write(passwordFile, password);
            if (firstStart) Files.deleteIfExists(authIni);
            Preflight.waitForBolt(o.port, Duration.ofSeconds(30));
        } catch (Throwable t) {
            try {
                dbms.shutdown();
            } catch (Throwable ignored) {
                // already failing; report the first error
            }
            throw Failures.toLaunchException(t);
        }
        return new EmbeddedNeo4j(dbms, o, passwordFile, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    DatabaseManagementService dbms() {
        return dbms;
    }

    /** What the READY line carries. */
    Map<String, Object> readyInfo() {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("bolt", "bolt://" + Preflight.HOST + ":" + options.port);
        ready.put("version", Version.getNeo4jVersion());
        ready.put("dataDir", options.dataDir.toString());
        ready.put("user", Passwords.USER);
        ready.put("passwordFile", passwordFile.toString());
        ready.put("pid", ProcessHandle.current().pid());
        ready.put("startMillis", startMillis);
        return ready;
    }

    /** Checkpoints and closes the store (the next start needs no recovery). */
    @Override
    public void close() {
        dbms.shutdown();
    }

    /**
     * Makes sure user neo4j logs in with {@code password} and no forced change: checks with the
     * DBMS's own auth manager and, if needed, runs ALTER USER against the system database.
     */
    private static void applyPassword(GraphDatabaseService system, String password, boolean firstStart, Protocol protocol)
            throws LaunchException {
        AuthenticationResult result = tryLogin(system, password, protocol);
        if (result == AuthenticationResult.SUCCESS) return;
        if (result == null && firstStart) return; // could not verify; auth.ini applied it
        try {
            if (result == AuthenticationResult.PASSWORD_CHANGE_REQUIRED) {
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            } else {
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
            }
        } catch (RuntimeException e) {
            String msg = Failures.rootMessage(e);
            if (result == null && msg.contains("Old password and new password cannot be the same")) return;
            throw new LaunchException(LaunchException.EXIT_ERROR, "password", "Could not set the password of user neo4j: " + msg, e);
        }
        if (result != null) {
            AuthenticationResult after = tryLogin(system, password, protocol);
            if (after != null && after != AuthenticationResult.SUCCESS) {
                throw new LaunchException(LaunchException.EXIT_ERROR, "password",
                        "Password for user neo4j was set but login still fails (" + after + ").");
            }
        }
        protocol.progress("password of user neo4j updated");
    }

    /** The auth result, or null if the check itself is not possible. */
    private static AuthenticationResult tryLogin(GraphDatabaseService system, String password, Protocol protocol) {
        try {
            AuthManager auth = ((GraphDatabaseAPI) system).getDependencyResolver().resolveDependency(AuthManager.class);
            LoginContext ctx = auth.login(
                    AuthToken.newBasicAuthToken(Passwords.USER, password.getBytes(StandardCharsets.UTF_8)),
                    ClientConnectionInfo.EMBEDDED_CONNECTION);
            return ctx.subject().getAuthenticationResult();
        } catch (Exception | LinkageError e) {
            protocol.progress("could not verify the password in-process (" + e + "); applying it");
            return null;
        }
    }
}
