package org.claimgraph.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/** Checks before and right after Neo4j starts, each failing with a clear {@link LaunchException}. */
final class Preflight {
    static final String HOST = "127.0.0.1";

    private Preflight() {}

    /** Creates the data directory (mode 700) and its parents; fails if it cannot be created or written. */
    static void createPrivateDirectory(Path dir) throws LaunchException {
        try {
            if (!Files.isDirectory(dir)) {
                if (Files.exists(dir)) throw LaunchException.dataDir("Data directory " + dir + " exists but is not a directory.", null);
                Path parent = dir.getParent();
                if (parent != null) Files.createDirectories(parent);
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException ignored) {
                    // created by someone else meanwhile; fine if it is a directory (checked below)
                }
            }
            if (!Files.isDirectory(dir)) throw LaunchException.dataDir("Data directory " + dir + " is not a directory.", null);
            if (!Files.isWritable(dir)) throw LaunchException.dataDir("Data directory is not writable: " + dir, null);
        } catch (IOException e) {
            throw LaunchException.dataDir("Cannot create data directory " + dir + ": " + e, e);
        }
    }

    /** Fails with exit code 3 if something already listens on 127.0.0.1:port. */
    static void assertPortFree(int port) throws LaunchException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw LaunchException.portInUse("Bolt port " + HOST + ":" + port + " is already in use (another Neo4j?). "
                    + "Stop it or choose another port with NEO4J_BOLT_PORT / --port.", e);
        }
    }

    /** Waits until a TCP connection to 127.0.0.1:port succeeds. */
    static void waitForBolt(int port, Duration timeout) throws LaunchException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        do {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 1000);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(50);
            }
        } while (System.nanoTime() < deadline);
        throw new LaunchException(LaunchException.EXIT_ERROR, "bolt",
                "Bolt did not accept connections on " + HOST + ":" + port + ": " + last, last);
    }
}
