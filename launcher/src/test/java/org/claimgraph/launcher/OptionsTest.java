package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsTest {
    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;
    private static final long HEAP = 2 * GIB;

    private static Options parse(Map<String, String> env, String... args) throws LaunchException {
        return Options.parse(args, env, HEAP);
    }

    private static Options parse(String... args) throws LaunchException {
        return parse(Map.of(), args);
    }

    private static LaunchException usageError(Map<String, String> env, String... args) {
        LaunchException e = assertThrows(LaunchException.class, () -> parse(env, args));
        assertEquals(LaunchException.EXIT_USAGE, e.exitCode);
        assertEquals("usage", e.reason);
        return e;
    }

    private static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), () -> "expected '" + needle + "' in: " + haystack);
    }

    @Test
    void defaults() throws Exception {
        Options o = parse();
        assertEquals(7687, o.port);
        assertEquals(Paths.get(".neo4j", "data").toAbsolutePath().normalize(), o.dataDir);
        assertNull(o.password);
        assertEquals(Duration.ofSeconds(30), o.txTimeout);
        assertEquals(512 * MIB, o.pageCache);
        assertEquals(1 * GIB, o.txMemoryMax, "half of a 2g heap");
        assertEquals(1433 * MIB, o.txMemoryTotal, "70% of a 2g heap, whole MiB");
        assertFalse(o.exitOnStdinClose);
        assertFalse(o.help);
    }

    @Test
    void memoryDefaultsFollowTheHeap() throws Exception {
        Options o = Options.parse(new String[0], Map.of(), 1 * GIB);
        assertEquals(512 * MIB, o.txMemoryMax);
        assertEquals(716 * MIB, o.txMemoryTotal);
        // A tiny heap still gets Neo4j's minimum of 10 MiB for the total limit.
        assertEquals(10 * MIB, Options.share(8 * MIB, 0.7));
    }

    @Test
    void flagsWithSeparateAndInlineValues() throws Exception {
        Options o = parse("--port", "7690", "--data-dir", "/tmp/a/../neo", "--exit-on-stdin-close");
        assertEquals(7690, o.port);
        assertEquals(Paths.get("/tmp/neo"), o.dataDir);
        assertTrue(o.exitOnStdinClose);

        Options inline = parse("--port=7691", "--data-dir=relative/dir");
        assertEquals(7691, inline.port);
        assertEquals(Paths.get("relative/dir").toAbsolutePath().normalize(), inline.dataDir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpIsAFlagNotAnExit(String flag) throws Exception {
        assertTrue(parse(flag).help);
        assertContains(Options.usage(), "--data-dir DIR");
    }

    @Test
    void environmentIsRead() throws Exception {
        Map<String, String> env = Map.of(
                "NEO4J_BOLT_PORT", " 7700 ",
                "NEO4J_DATA_DIR", "/tmp/from-env",
                "NEO4J_PASSWORD", "long-enough-pw",
                "NEO4J_TX_TIMEOUT", "10s",
                "NEO4J_TX_MEMORY_MAX", "256m",
                "NEO4J_TX_MEMORY_TOTAL", "1g",
                "NEO4J_PAGECACHE", "64m");
        Options o = parse(env);
        assertEquals(7700, o.port);
        assertEquals(Paths.get("/tmp/from-env"), o.dataDir);
        assertEquals("long-enough-pw", o.password);
        assertEquals(Duration.ofSeconds(10), o.txTimeout);
        assertEquals(256 * MIB, o.txMemoryMax);
        assertEquals(GIB, o.txMemoryTotal);
        assertEquals(64 * MIB, o.pageCache);
    }

    @Test
    void zeroMeansUnlimitedMemory() throws Exception {
        Options o = parse(Map.of("NEO4J_TX_MEMORY_MAX", "0", "NEO4J_TX_MEMORY_TOTAL", "0"));
        assertEquals(0, o.txMemoryMax);
        assertEquals(0, o.txMemoryTotal);
    }

    @Test
    void commandLineWinsOverEnvironment() throws Exception {
        Map<String, String> env = Map.of("NEO4J_BOLT_PORT", "7700", "NEO4J_DATA_DIR", "/tmp/from-env");
        Options o = parse(env, "--port", "7701", "--data-dir", "/tmp/from-args");
        assertEquals(7701, o.port);
        assertEquals(Paths.get("/tmp/from-args"), o.dataDir);
    }

    @Test
    void blankEnvironmentValuesAreIgnored() throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String k : new String[] {"NEO4J_BOLT_PORT", "NEO4J_DATA_DIR", "NEO4J_PASSWORD", "NEO4J_TX_TIMEOUT",
                "NEO4J_TX_MEMORY_MAX", "NEO4J_TX_MEMORY_TOTAL", "NEO4J_PAGECACHE"}) {
            env.put(k, "  ");
        }
        Options o = parse(env);
        assertEquals(7687, o.port);
        assertNull(o.password);
        assertEquals(Duration.ofSeconds(30), o.txTimeout);
    }

    @ParameterizedTest
    @CsvSource({
        "abc, Invalid Bolt port 'abc' (--port)",
        "0, Bolt port out of range: 0 (--port)",
        "65536, Bolt port out of range: 65536 (--port)",
        "-1, Bolt port out of range: -1 (--port)",
        "--quiet, Missing value for --port",
    })
    void badPortOnTheCommandLine(String value, String message) {
        assertContains(usageError(Map.of(), "--port", value).getMessage(), message);
    }

    @Test
    void badPortInTheEnvironmentNamesTheVariable() {
        assertContains(usageError(Map.of("NEO4J_BOLT_PORT", "77x")).getMessage(), "Invalid Bolt port '77x' (NEO4J_BOLT_PORT)");
    }

    @Test
    void missingUnknownAndMisusedArguments() {
        assertContains(usageError(Map.of(), "--port").getMessage(), "Missing value for --port");
        assertContains(usageError(Map.of(), "--data-dir").getMessage(), "Missing value for --data-dir");
        assertContains(usageError(Map.of(), "--data-dir=").getMessage(), "--data-dir needs a directory");
        LaunchException unknown = usageError(Map.of(), "--bolt-port", "1");
        assertContains(unknown.getMessage(), "Unknown argument '--bolt-port'");
        assertContains(unknown.getMessage(), "Usage:");
        assertContains(usageError(Map.of(), "--exit-on-stdin-close=yes").getMessage(), "--exit-on-stdin-close takes no value");
    }

    @Test
    void shortPasswordIsRefused() {
        // 7 characters; code points, not UTF-16 units, are counted.
        assertContains(usageError(Map.of("NEO4J_PASSWORD", "1234567")).getMessage(), "at least 8 characters");
        assertContains(usageError(Map.of("NEO4J_PASSWORD", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")).getMessage(),
                "at least 8 characters");
    }

    @ParameterizedTest
    @CsvSource({
        "NEO4J_TX_TIMEOUT, soon, db.transaction.timeout",
        "NEO4J_TX_MEMORY_MAX, lots, db.memory.transaction.max",
        "NEO4J_TX_MEMORY_MAX, 100k, db.memory.transaction.max",
        "NEO4J_TX_MEMORY_TOTAL, 5m, dbms.memory.transaction.total.max",
        "NEO4J_PAGECACHE, 12 parsecs, server.memory.pagecache.size",
    })
    void badSettingValuesNameVariableValueAndSetting(String env, String value, String setting) {
        String msg = usageError(Map.of(env, value)).getMessage();
        assertContains(msg, "Invalid " + env + "='" + value + "'");
        assertContains(msg, setting);
    }

    @Test
    void perTransactionLimitAboveTheTotalIsRefused() {
        String msg = usageError(Map.of("NEO4J_TX_MEMORY_MAX", "2g", "NEO4J_TX_MEMORY_TOTAL", "1g")).getMessage();
        assertContains(msg, "NEO4J_TX_MEMORY_MAX (2g) is larger than NEO4J_TX_MEMORY_TOTAL (1g");
    }

    @Test
    void humanSizes() {
        assertEquals("2g", Options.human(2 * GIB));
        assertEquals("1433m", Options.human(1433 * MIB));
        assertEquals("1000B", Options.human(1000));
    }
}
