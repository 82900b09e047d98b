package org.claimgraph.launcher;

/**
 * An expected, explainable failure: its message is shown to the user as-is, its {@link #reason}
 * goes into the {@code CLAIMGRAPH_NEO4J_FAILED} line and {@link #exitCode} is the process exit code.
 */
final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    static final int EXIT_OK = 0;
    static final int EXIT_ERROR = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_PORT_IN_USE = 3;
    static final int EXIT_STORE_LOCKED = 4;

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

    /** Bad command line or environment: exit 2. */
    static LaunchException usage(String message) {
        return new LaunchException(EXIT_USAGE, "usage", message);
    }

    static LaunchException portInUse(String message, Throwable cause) {
        return new LaunchException(EXIT_PORT_IN_USE, "port_in_use", message, cause);
    }

    static LaunchException storeLocked(String detail, Throwable cause) {
        return new LaunchException(EXIT_STORE_LOCKED, "store_locked",
                "The store in this data directory is locked by another process (another Neo4j using the same "
                        + "data dir is running?): " + detail, cause);
    }

    static LaunchException dataDir(String message, Throwable cause) {
        return new LaunchException(EXIT_ERROR, "data_dir", message, cause);
    }
}
