package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.graphdb.GraphDatabaseService;

/** The one test class that starts a real embedded Neo4j (about 10 s). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedNeo4jTest {
    private Path tmp;
    private EmbeddedNeo4j neo;
    private Options options;
    private final Protocol quiet = new Protocol(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return s.getLocalPort();
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        options = Options.parse(new String[] {"--port", String.valueOf(freePort()), "--data-dir", tmp.resolve("neo").toString()},
                Map.of("NEO4J_TX_MEMORY_MAX", "20m", "NEO4J_PAGECACHE", "16m",
                        // Copied by Maven before the tests (pom.xml, copy-plugins).
                        "NEO4J_PLUGINS_DIR", Path.of("target", "plugins").toAbsolutePath().toString()),
                Runtime.getRuntime().maxMemory());
        neo = EmbeddedNeo4j.start(options, quiet, EmbeddedNeo4j.DIRECT);
    }

    @AfterAll
    void stop() {
        if (neo != null) neo.close();
    }

    private GraphDatabaseService db() {
        return neo.dbms().database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    @Test
    void readyInfoBoltAndPasswordFile() throws Exception {
        Map<String, Object> ready = neo.readyInfo();
        assertEquals("bolt://127.0.0.1:" + options.port, ready.get("bolt"));
        assertTrue(String.valueOf(ready.get("version")).startsWith("5.26."));
        assertEquals("neo4j", ready.get("user"));
        Path pw = Path.of(String.valueOf(ready.get("passwordFile")));
        assertTrue(Files.readString(pw).trim().matches("[A-Za-z0-9_-]{24}"));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", options.port), 2000);
        }
        Object one = db().executeTransactionally("RETURN 1 AS one", Map.of(), r -> r.next().get("one"));
        assertEquals(Long.valueOf(1), one);
    }

    @Test
    void graphDataScienceProceduresAreRegisteredAndRunOnAGraph() {
        Object version = db().executeTransactionally("CALL gds.version() YIELD gdsVersion RETURN gdsVersion", Map.of(), r -> r.next().get("gdsVersion"));
        assertTrue(String.valueOf(version).startsWith("2.13."), String.valueOf(version));
        db().executeTransactionally("CREATE (:G {k: 1})-[:T]->(:G {k: 2})-[:T]->(:G {k: 3})");
        Object ranked = db().executeTransactionally(
                "CALL gds.graph.project('launcher-test', 'G', {T: {orientation: 'UNDIRECTED'}}) YIELD graphName "
                        + "CALL gds.pageRank.stream('launcher-test') YIELD nodeId, score "
                        + "WITH gds.util.asNode(nodeId).k AS k, score ORDER BY score DESC LIMIT 1 RETURN k",
                Map.of(), r -> r.next().get("k"));
        db().executeTransactionally("CALL gds.graph.drop('launcher-test') YIELD graphName RETURN graphName");
        assertEquals(Long.valueOf(2), ranked);
    }

    @Test
    void perTransactionMemoryLimitStopsATrackedCollect() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> db().executeTransactionally(
                "UNWIND range(1, 5000000) AS x WITH collect(x) AS l RETURN size(l) AS n", Map.of(), r -> r.next().get("n")));
        assertTrue(Failures.rootMessage(e).contains("db.memory.transaction.max"), Failures.rootMessage(e));
    }

    @Test
    void aSecondStartOnTheSameStoreIsClassifiedAsLocked() throws Exception {
        Options second = Options.parse(new String[] {"--port", String.valueOf(freePort()), "--data-dir", options.dataDir.toString()},
                Map.of("NEO4J_PAGECACHE", "16m"), Runtime.getRuntime().maxMemory());
        LaunchException e = assertThrows(LaunchException.class, () -> EmbeddedNeo4j.start(second, quiet, EmbeddedNeo4j.DIRECT));
        assertEquals("store_locked", e.reason, e.getMessage());
        assertEquals(LaunchException.EXIT_STORE_LOCKED, e.exitCode);
    }

    @Test
    void aStartOnTheTakenBoltPortIsClassifiedAsPortInUse() throws Exception {
        Options second = Options.parse(new String[] {"--port", String.valueOf(options.port), "--data-dir", tmp.resolve("other").toString()},
                Map.of("NEO4J_PAGECACHE", "16m"), Runtime.getRuntime().maxMemory());
        LaunchException e = assertThrows(LaunchException.class, () -> EmbeddedNeo4j.start(second, quiet, EmbeddedNeo4j.DIRECT));
        assertEquals("port_in_use", e.reason, e.getMessage());
    }
}
