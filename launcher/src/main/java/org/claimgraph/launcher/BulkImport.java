package org.claimgraph.launcher;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neo4j.internal.batchimport.input.InputException;

/**
 * Entry point of the offline bulk load (server/import/write/bulk.ts): Neo4j's batch importer
 * writing a new store from CSV files into a staging home ({@link BulkImporter}), in this JVM.
 *
 * <p>Protocol: the importer's progress on stderr; on stdout exactly one line,
 * {@code CLAIMGRAPH_BULK_DONE {"millis":N,"databaseDirectory":"...","transactionsDirectory":"..."}} (exit 0) or
 * {@code CLAIMGRAPH_BULK_FAILED {"reason":"...","message":"..."}} (exit 2 bad arguments, 5 bad
 * input: a row the importer refused, 1 anything else). After a failure the staging home holds a
 * partial store that must be deleted, never used.
 */
public final class BulkImport {
    static final String DONE_PREFIX = "CLAIMGRAPH_BULK_DONE ";
    static final String FAILED_PREFIX = "CLAIMGRAPH_BULK_FAILED ";
    static final int EXIT_INPUT = 5;

    private BulkImport() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        // halt: the importer's pools may leave non-daemon threads behind; nothing else to run.
        Runtime.getRuntime().halt(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            BulkOptions o = BulkOptions.parse(args);
            if (o.help) {
                out.println(BulkOptions.usage());
                return 0;
            }
            if (o.exitOnStdinClose) watchStdin(err);
            BulkImporter.Summary s = BulkImporter.run(o, err);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("millis", s.millis());
            m.put("databaseDirectory", s.databaseDirectory().toString());
            m.put("transactionsDirectory", s.transactionsDirectory().toString());
            out.println(DONE_PREFIX + Protocol.toJson(m));
            return 0;
        } catch (LaunchException e) {
            return failed(out, err, e.reason, e.getMessage(), e.exitCode);
        } catch (Throwable t) {
            Throwable input = inputCause(t);
            if (input != null) return failed(out, err, "input", input.getMessage(), EXIT_INPUT);
            t.printStackTrace(err);
            return failed(out, err, "error", String.valueOf(t.getMessage() != null ? t.getMessage() : t), LaunchException.EXIT_ERROR);
        }
    }

    /** The parent process is gone (stdin closed): stop at once; it would never move the store into place. */
    private static void watchStdin(PrintStream err) {
        Thread t = new Thread(() -> {
            try {
                byte[] buf = new byte[256];
                while (System.in.read(buf) >= 0) {
                    // only EOF matters
                }
            } catch (java.io.IOException ignored) {
                // treated as closed
            }
            err.println("claimgraph-bulk: stdin closed (parent gone), stopping");
            err.flush();
            Runtime.getRuntime().halt(130);
        }, "claimgraph-bulk-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    /** The importer's complaint about a row (a duplicate id, a relationship to a missing node, a malformed field), if that is what failed. */
    static Throwable inputCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InputException || c.getClass().getName().endsWith("DuplicateInputIdException")
                    || c.getClass().getName().endsWith("IllegalMultilineFieldException")
                    || c.getClass().getName().endsWith("MissingRelationshipDataException")) {
                return c;
            }
            if (c.getCause() == c) break;
        }
        return null;
    }

    private static int failed(PrintStream out, PrintStream err, String reason, String message, int code) {
        err.println("claimgraph-bulk: ERROR: " + message);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", reason);
        m.put("message", message);
        out.println(FAILED_PREFIX + Protocol.toJson(m));
        return code;
    }
}
