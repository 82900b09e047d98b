package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.neo4j.configuration.helpers.PortBindException;
import org.neo4j.io.locker.FileLockException;
import org.neo4j.kernel.lifecycle.LifecycleException;

class FailuresTest {
    /** How Neo4j reports a failed start: lifecycle wrappers around the real cause. */
    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("Error starting Neo4j database server",
                new LifecycleException("Component failed to start", new IllegalStateException("init failed", cause)));
    }

    @Test
    void storeLockDeepInTheChainIsExit4() {
        FileLockException lock = new FileLockException("Lock file has been locked by another process: /x/store_lock", null);
        LaunchException e = Failures.classify(wrapped(lock));
        assertEquals(LaunchException.EXIT_STORE_LOCKED, e.exitCode);
        assertEquals("store_locked", e.reason);
        assertTrue(e.getMessage().startsWith("The store in this data directory is locked by another process"));
        assertTrue(e.getMessage().contains("/x/store_lock"));
    }

    @Test
    void storeLockWinsOverABindErrorInTheSameChain() {
        Throwable both = new IllegalStateException("x",
                new BindException("Address already in use").initCause(new FileLockException("locked", null)));
        assertEquals("store_locked", Failures.classify(both).reason);
    }

    @Test
    void storeLockRecognisedByMessageToo() {
        LaunchException e = Failures.classify(wrapped(new IOException("Lock file has been locked by another process")));
        assertEquals(LaunchException.EXIT_STORE_LOCKED, e.exitCode);
    }

    @Test
    void portBindIsExit3() {
        PortBindException bind = new PortBindException(new InetSocketAddress("127.0.0.1", 7687), new BindException("Address already in use"));
        LaunchException e = Failures.classify(wrapped(bind));
        assertEquals(LaunchException.EXIT_PORT_IN_USE, e.exitCode);
        assertEquals("port_in_use", e.reason);
        assertTrue(e.getMessage().contains("NEO4J_BOLT_PORT / --port"));
    }

    @Test
    void plainBindExceptionAndMessageAreExit3() {
        assertEquals(LaunchException.EXIT_PORT_IN_USE, Failures.classify(wrapped(new BindException("nope"))).exitCode);
        assertEquals(LaunchException.EXIT_PORT_IN_USE,
                Failures.classify(new IOException("bind(..) failed: Address already in use")).exitCode);
    }

    @Test
    void unknownFailureIsNotClassifiedAndBecomesExit1WithRootCause() {
        Throwable t = wrapped(new IllegalArgumentException("bad record format"));
        assertNull(Failures.classify(t));
        LaunchException e = Failures.toLaunchException(t);
        assertEquals(LaunchException.EXIT_ERROR, e.exitCode);
        assertEquals("error", e.reason);
        assertEquals("Neo4j failed to start: IllegalArgumentException: bad record format", e.getMessage());
    }

    @Test
    void launchExceptionsPassThrough() {
        LaunchException own = LaunchException.usage("x");
        assertSame(own, Failures.toLaunchException(own));
    }

    @Test
    void cyclicCauseChainsEnd() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b); // a -> b -> a -> ...
        assertNull(Failures.classify(a));
        assertTrue(Failures.rootMessage(a).startsWith("Exception: "));
    }

    @Test
    void rootMessageWithoutMessage() {
        assertEquals("NullPointerException", Failures.rootMessage(new RuntimeException("outer", new NullPointerException())));
    }
}
