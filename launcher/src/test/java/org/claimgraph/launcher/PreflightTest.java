package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    @TempDir
    Path tmp;

    private static ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return s;
    }

    @Test
    void takenPortIsExit3NamingThePortAndTheFix() throws Exception {
        try (ServerSocket blocker = listen()) {
            LaunchException e = assertThrows(LaunchException.class, () -> Preflight.assertPortFree(blocker.getLocalPort()));
            assertEquals(LaunchException.EXIT_PORT_IN_USE, e.exitCode);
            assertEquals("port_in_use", e.reason);
            assertTrue(e.getMessage().contains("127.0.0.1:" + blocker.getLocalPort() + " is already in use"));
            assertTrue(e.getMessage().contains("NEO4J_BOLT_PORT"));
        }
    }

    @Test
    void freePortPasses() throws Exception {
        int port;
        try (ServerSocket s = listen()) {
            port = s.getLocalPort();
        }
        int free = port;
        assertDoesNotThrow(() -> Preflight.assertPortFree(free));
    }

    @Test
    void dataDirIsCreatedPrivateWithItsParents() throws Exception {
        Path dir = tmp.resolve("a/b/data");
        Preflight.createPrivateDirectory(dir);
        assertTrue(Files.isDirectory(dir));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Preflight.createPrivateDirectory(dir); // existing: fine
    }

    @Test
    void dataDirThatIsAFileFails() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        LaunchException e = assertThrows(LaunchException.class, () -> Preflight.createPrivateDirectory(file));
        assertEquals("data_dir", e.reason);
        assertEquals(LaunchException.EXIT_ERROR, e.exitCode);
        assertTrue(e.getMessage().contains("exists but is not a directory"), e.getMessage());
    }

    @Test
    void dataDirBelowAFileFails() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        LaunchException e = assertThrows(LaunchException.class, () -> Preflight.createPrivateDirectory(file.resolve("data")));
        assertEquals("data_dir", e.reason);
        assertTrue(e.getMessage().startsWith("Cannot create data directory " + file.resolve("data")), e.getMessage());
    }

    @Test
    void waitForBoltReturnsOnceSomethingListens() throws Exception {
        try (ServerSocket s = listen()) {
            assertDoesNotThrow(() -> Preflight.waitForBolt(s.getLocalPort(), Duration.ofSeconds(5)));
        }
    }

    @Test
    void waitForBoltFailsWithReasonBoltWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = listen()) {
            port = s.getLocalPort();
        }
        int closed = port;
        LaunchException e = assertThrows(LaunchException.class, () -> Preflight.waitForBolt(closed, Duration.ZERO));
        assertEquals("bolt", e.reason);
        assertTrue(e.getMessage().contains("did not accept connections on 127.0.0.1:" + closed));
    }
}
