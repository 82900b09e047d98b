package org.claimgraph.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.neo4j.dbms.api.DatabaseManagementService;

/**
 * Runs Neo4j Community embedded with only the Bolt connector, bound to 127.0.0.1.
 *
 * <p>Protocol with the parent process (server/neo4j/launcher.ts): see {@link Protocol}. The
 * password is never printed; it lives in {@code <data-dir>/password} (mode 600). The pieces:
 * {@link Options} (command line and environment), {@link Preflight} (data dir, port, Bolt),
 * {@link Passwords}, {@link Neo4jSettings}, {@link EmbeddedNeo4j} (start and stop) and
 * {@link Failures} (clear messages and exit codes for known start-up failures).
 */
public final class Launcher {
    private static final Object LIFECYCLE = new Object();
    private static final String STOPPING = "stopping";
    private static DatabaseManagementService dbms; // guarded by LIFECYCLE
    private static volatile boolean stopping;

    private Launcher() {}

    public static void main(String[] args) {
        Protocol protocol = new Protocol(System.out, System.err);
        boolean debug = System.getenv("CLAIMGRAPH_NEO4J_DEBUG") != null;
        Options o;
        try {
            o = Options.parse(args, System.getenv(), Runtime.getRuntime().maxMemory());
        } catch (LaunchException e) {
            protocol.failed(e, debug);
            halt(e.exitCode);
            return;
        }
        if (o.help) {
            System.out.println(Options.usage());
            halt(LaunchException.EXIT_OK);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> onShutdown(protocol), "claimgraph-neo4j-shutdown"));
        protocol.progress("memory: heap " + Options.human(Runtime.getRuntime().maxMemory() / (1024 * 1024) * 1024 * 1024)
                + ", per transaction " + limit(o.txMemoryMax) + ", all transactions " + limit(o.txMemoryTotal)
                + ", page cache " + Options.human(o.pageCache));
        protocol.progress(o.pluginsDir != null ? "procedures: plugins from " + o.pluginsDir + " (gds.* unrestricted)" : "procedures: no plugins");
        EmbeddedNeo4j neo;
        try {
            neo = EmbeddedNeo4j.start(o, protocol, Launcher::openUnlessStopping);
        } catch (Throwable t) {
            LaunchException e = Failures.toLaunchException(t);
            if (STOPPING.equals(e.reason)) return; // SIGTERM during start: the shutdown hook finishes
            protocol.failed(e, debug);
            shutdownQuietly();
            // halt: skip our own shutdown hook (nothing to stop) and any lingering non-daemon threads.
            halt(e.exitCode);
            return;
        }
        protocol.ready(neo.readyInfo());
        if (o.exitOnStdinClose) startStdinWatcher(protocol);
        try {
            new CountDownLatch(1).await(); // park main; the shutdown hook does the rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String limit(long bytes) {
        return bytes == 0 ? "unlimited" : Options.human(bytes);
    }

    /** Building and the shutdown hook exclude each other, so a half-started DBMS is still stopped cleanly. */
    private static DatabaseManagementService openUnlessStopping(Supplier<DatabaseManagementService> build) throws LaunchException {
        synchronized (LIFECYCLE) {
            if (stopping) throw new LaunchException(LaunchException.EXIT_OK, STOPPING, "stopping before Neo4j started");
            dbms = build.get();
            return dbms;
        }
    }

    private static void startStdinWatcher(Protocol protocol) {
        Thread t = new Thread(() -> {
            try {
                InputStream in = System.in;
                byte[] buf = new byte[256];
                while (in.read(buf) >= 0) {
                    // ignore input; only EOF matters
                }
            } catch (IOException ignored) {
                // treat as closed
            }
            if (!stopping) {
                protocol.progress("stdin closed (parent gone), shutting down");
                System.exit(0);
            }
        }, "claimgraph-neo4j-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void onShutdown(Protocol protocol) {
        synchronized (LIFECYCLE) {
            stopping = true;
            DatabaseManagementService s = dbms;
            if (s == null) return;
            protocol.progress("stopping Neo4j");
            try {
                s.shutdown();
                dbms = null;
                protocol.stopped();
            } catch (Throwable e) {
                protocol.progress("error during shutdown: " + e);
                e.printStackTrace(System.err);
            }
            System.out.flush();
            System.err.flush();
        }
    }

    private static void shutdownQuietly() {
        synchronized (LIFECYCLE) {
            DatabaseManagementService s = dbms;
            dbms = null;
            if (s == null) return;
            try {
                s.shutdown();
            } catch (Throwable ignored) {
                // already failing
            }
        }
    }

    private static void halt(int code) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
