package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/** Neo4j's batch importer run by BulkImport on real CSV files, and the store it writes opened by an embedded Neo4j. */
class BulkImportTest {
    private static final String D = "\u001f";

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BulkImport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static String[] args(Path home, Path in, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--home", home.toString(),
                "--nodes=Entity:Person=" + in.resolve("p.h.csv") + "," + in.resolve("p.csv"),
                "--nodes=Entity:Person=" + in.resolve("pm.h.csv") + "," + in.resolve("pm.csv"),
                "--relationships=KNOWS=" + in.resolve("k.h.csv") + "," + in.resolve("k.csv"),
                "--multiline=" + in.resolve("pm.h.csv"), "--multiline=" + in.resolve("pm.csv"),
                "--threads", "2", "--max-off-heap-memory", "256m"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    private static void inputs(Path in, String extraRelationshipRow) throws Exception {
        write(in, "p.h.csv", "id:ID,name,aliases:string[],score:double,active:boolean,@empty:string[]\n");
        write(in, "p.csv", "\"p1\",\"Ann \"\"Q\"\", Lee\",\"a\\\\b" + D + "x\\dy" + D + "\\e\",0.1,true\n"
                + "\"p2\",\"Bo\",,,,\"aliases\"\n");
        write(in, "pm.h.csv", "id:ID,name\n");
        write(in, "pm.csv", "\"p3\",\"two\nlines\"\n");
        write(in, "k.h.csv", ":START_ID,:END_ID,id,amount:double\n");
        write(in, "k.csv", "\"p1\",\"p2\",\"k1\",1e21\n\"p2\",\"p3\",\"k2\"\n" + extraRelationshipRow);
    }

    @Test
    void writesAStoreNeo4jOpensWithEveryValueAsWritten(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        inputs(in, "");
        Path home = tmp.resolve("home");
        Run r = run(args(home, in));
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith(BulkImport.DONE_PREFIX), r.out);
        assertTrue(r.out.contains("\"databaseDirectory\":\"" + home.resolve("data/databases/neo4j") + "\""), r.out);
        assertFalse(r.out.contains("IMPORT DONE"), "the importer's output goes to stderr, stdout is the protocol");

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 16L * 1024 * 1024)
                .build();
        try {
            GraphDatabaseService db = dbms.database("neo4j");
            Map<String, Object> p1 = db.executeTransactionally(
                    "MATCH (n:Entity:Person {id: 'p1'}) RETURN n.name AS name, n.aliases AS aliases, valueType(n.score) AS score, n.active AS active",
                    Map.of(), res -> res.next());
            assertEquals("Ann \"Q\", Lee", p1.get("name"));
            assertArrayEquals(new String[] {"a\\b", "x" + D + "y", ""}, (String[]) p1.get("aliases"));
            assertEquals("FLOAT NOT NULL", p1.get("score"));
            assertEquals(true, p1.get("active"));
            Map<String, Object> p2 = db.executeTransactionally(
                    "MATCH (n {id: 'p2'}) RETURN n.aliases AS aliases, keys(n) AS keys", Map.of(), res -> res.next());
            assertEquals(0, java.lang.reflect.Array.getLength(p2.get("aliases")));
            assertFalse(((List<?>) p2.get("keys")).contains("@empty"));
            assertEquals("two\nlines", db.executeTransactionally("MATCH (n {id: 'p3'}) RETURN n.name AS v", Map.of(), res -> res.next().get("v")));
            Object amount = db.executeTransactionally("MATCH ()-[k:KNOWS {id: 'k1'}]->() RETURN k.amount AS v", Map.of(), res -> res.next().get("v"));
            assertEquals(Double.valueOf(1e21), amount);
            Object rels = db.executeTransactionally("MATCH ()-[k:KNOWS]->() RETURN count(k) AS c", Map.of(), res -> res.next().get("c"));
            assertEquals(Long.valueOf(2), rels);
            Object lookups = db.executeTransactionally("SHOW INDEXES YIELD type WHERE type = 'LOOKUP' RETURN count(*) AS c", Map.of(), res -> res.next().get("c"));
            assertEquals(Long.valueOf(2), lookups);
        } finally {
            dbms.shutdown();
        }
    }

    @Test
    void aRowTheImporterRefusesFailsTheImportWithItsReason(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        inputs(in, "\"p1\",\"nobody\",\"k3\"\n");
        Run r = run(args(tmp.resolve("home"), in));
        assertEquals(BulkImport.EXIT_INPUT, r.code, r.err);
        assertTrue(r.out.startsWith(BulkImport.FAILED_PREFIX + "{\"reason\":\"input\""), r.out);
        assertTrue(r.out.contains("nobody"), r.out);
    }

    @Test
    void refusesAHomeThatHoldsAStoreAlready(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        inputs(in, "");
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("data/databases/neo4j"));
        Files.writeString(home.resolve("data/databases/neo4j/neostore"), "x");
        Run r = run(args(home, in));
        assertEquals(LaunchException.EXIT_USAGE, r.code);
        assertTrue(r.out.contains("A store already exists in"), r.out);
        assertEquals("x", Files.readString(home.resolve("data/databases/neo4j/neostore")));
    }

    @Test
    void aMissingInputFileIsNamed(@TempDir Path tmp) {
        Run r = run("--home", tmp.resolve("home").toString(), "--nodes=A=" + tmp.resolve("h.csv") + "," + tmp.resolve("d.csv"));
        assertEquals(LaunchException.EXIT_USAGE, r.code);
        assertTrue(r.out.contains("Input file not found: " + tmp.resolve("h.csv")), r.out);
    }
}
