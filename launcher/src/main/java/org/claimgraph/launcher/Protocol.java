package org.claimgraph.launcher;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The lines the parent process (server/neo4j/launcher.ts) reads on stdout: exactly one
 * {@code CLAIMGRAPH_NEO4J_READY {json}} once Bolt accepts connections,
 * {@code CLAIMGRAPH_NEO4J_STOPPED} after a clean shutdown, {@code CLAIMGRAPH_NEO4J_FAILED {json}}
 * before a non-zero exit. Everything human-readable goes to stderr.
 */
final class Protocol {
    static final String READY_PREFIX = "CLAIMGRAPH_NEO4J_READY ";
    static final String STOPPED_LINE = "CLAIMGRAPH_NEO4J_STOPPED";
    static final String FAILED_PREFIX = "CLAIMGRAPH_NEO4J_FAILED ";

    private final PrintStream out;
    private final PrintStream err;

    Protocol(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void ready(Map<String, Object> info) {
        out.println(READY_PREFIX + toJson(info));
        out.flush();
    }

    void stopped() {
        out.println(STOPPED_LINE);
        out.flush();
    }

    /** The message on stderr (with the stack trace when {@code debug}), the FAILED line on stdout. */
    void failed(LaunchException e, boolean debug) {
        err.println("claimgraph-neo4j: ERROR: " + e.getMessage());
        if (debug && e.getCause() != null) e.getCause().printStackTrace(err);
        err.flush();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", e.reason);
        m.put("message", e.getMessage());
        out.println(FAILED_PREFIX + toJson(m));
        out.flush();
    }

    /** Where human-readable output (including Neo4j's user log) goes. */
    PrintStream err() {
        return err;
    }

    void progress(String line) {
        err.println("claimgraph-neo4j: " + line);
        err.flush();
    }

    /** A flat JSON object: numbers and booleans as they are, everything else as a string. */
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

    static String jsonString(String s) {
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
