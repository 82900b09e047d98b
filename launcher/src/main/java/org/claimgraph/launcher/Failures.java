package org.claimgraph.launcher;

import java.net.BindException;

/** Turns exceptions thrown while Neo4j starts into clear {@link LaunchException}s. */
final class Failures {
    private static final int MAX_DEPTH = 50;

    private Failures() {}

    /**
     * Maps well-known start-up failures (store lock held, port bound) to clear messages; null when
     * the failure is not one of them. A store lock anywhere in the cause chain wins over a bind
     * error, because Neo4j wraps the lock failure in generic lifecycle exceptions.
     */
    static LaunchException classify(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < MAX_DEPTH; c = next(c)) {
            if (isFileLock(c)) return LaunchException.storeLocked(String.valueOf(c.getMessage()), t);
        }
        depth = 0;
        for (Throwable c = t; c != null && depth++ < MAX_DEPTH; c = next(c)) {
            String msg = String.valueOf(c.getMessage());
            if (msg.contains("Lock file has been locked") || msg.contains("locked by another process")) {
                return LaunchException.storeLocked(msg, t);
            }
            if (c.getClass().getName().endsWith("PortBindException") || c instanceof BindException
                    || msg.contains("Address already in use")) {
                return LaunchException.portInUse("Bolt port is already in use (another Neo4j?): " + msg
                        + ". Stop it or choose another port with NEO4J_BOLT_PORT / --port.", t);
            }
        }
        return null;
    }

    /** The failure as a LaunchException: a known one, or a generic exit-1 error naming the root cause. */
    static LaunchException toLaunchException(Throwable t) {
        if (t instanceof LaunchException) return (LaunchException) t;
        LaunchException known = classify(t);
        if (known != null) return known;
        return new LaunchException(LaunchException.EXIT_ERROR, "error", "Neo4j failed to start: " + rootMessage(t), t);
    }

    /** "SimpleClassName: message" of the innermost cause. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        int depth = 0;
        while (next(root) != null && depth++ < MAX_DEPTH) root = next(root);
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static boolean isFileLock(Throwable c) {
        return c.getClass().getName().endsWith("FileLockException");
    }

    private static Throwable next(Throwable c) {
        Throwable cause = c.getCause();
        return cause == c ? null : cause;
    }
}
