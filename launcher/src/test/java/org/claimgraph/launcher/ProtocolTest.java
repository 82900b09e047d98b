package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProtocolTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Protocol protocol = new Protocol(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void jsonEscapesStringsAndKeepsNumbersAndBooleans() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\nd\re\tf\u0001");
        m.put("n", 42L);
        m.put("b", true);
        m.put("null", null);
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\",\"n\":42,\"b\":true,\"null\":\"null\"}", Protocol.toJson(m));
    }

    @Test
    void readyAndStoppedLines() {
        protocol.ready(Map.of("bolt", "bolt://127.0.0.1:1"));
        protocol.stopped();
        assertEquals("CLAIMGRAPH_NEO4J_READY {\"bolt\":\"bolt://127.0.0.1:1\"}\nCLAIMGRAPH_NEO4J_STOPPED\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void failedLineCarriesReasonAndMessageOnStdoutAndTheMessageOnStderr() {
        protocol.failed(LaunchException.portInUse("Bolt port 127.0.0.1:7687 is already in use", new RuntimeException("x")), false);
        assertEquals("CLAIMGRAPH_NEO4J_FAILED {\"reason\":\"port_in_use\",\"message\":\"Bolt port 127.0.0.1:7687 is already in use\"}\n",
                out.toString(StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals("claimgraph-neo4j: ERROR: Bolt port 127.0.0.1:7687 is already in use\n", e);
    }

    @Test
    void stackTraceOnlyInDebugMode() {
        protocol.failed(LaunchException.dataDir("no", new IllegalStateException("root cause")), true);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("java.lang.IllegalStateException: root cause"));
    }
}
