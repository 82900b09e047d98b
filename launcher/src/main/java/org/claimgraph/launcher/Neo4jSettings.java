package org.claimgraph.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.config.Setting;

/** The Neo4j settings the launcher applies (launcher/README.md, "Settings applied, and why"). */
final class Neo4jSettings {
    private Neo4jSettings() {}

    static Map<Setting<?>, Object> of(Options o, Path home) {
        Map<Setting<?>, Object> c = new LinkedHashMap<>();
        // Network: Bolt only, loopback only, plain text (local development).
        c.put(GraphDatabaseSettings.default_listen_address, new SocketAddress(Preflight.HOST));
        c.put(BoltConnector.enabled, true);
        c.put(BoltConnector.listen_address, new SocketAddress(Preflight.HOST, o.port));
        c.put(BoltConnector.advertised_address, new SocketAddress(Preflight.HOST, o.port));
        c.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        c.put(HttpConnector.enabled, false);
        c.put(HttpsConnector.enabled, false);
        c.put(GraphDatabaseSettings.routing_enabled, false);
        c.put(GraphDatabaseSettings.udc_enabled, false);
        // Security.
        c.put(GraphDatabaseSettings.auth_enabled, true);
        c.put(GraphDatabaseSettings.allow_file_urls, false);
        // Procedures: only those of the plugins directory (Graph Data Science), whose gds.* need
        // unrestricted access to the kernel; without one, nothing is unrestricted.
        if (o.pluginsDir != null) {
            c.put(GraphDatabaseSettings.plugin_dir, o.pluginsDir);
            c.put(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"));
        } else {
            c.put(GraphDatabaseSettings.procedure_unrestricted, List.of());
        }
        // Resource limits. Memory tracking counts what Cypher's operators keep (collect, ORDER BY,
        // DISTINCT, aggregation, eager buffers, transaction state), not values built inside one
        // expression such as a list comprehension: those are bounded only by the heap (README).
        c.put(GraphDatabaseSettings.transaction_timeout, o.txTimeout);
        c.put(GraphDatabaseSettings.memory_tracking, true);
        c.put(GraphDatabaseSettings.memory_transaction_max_size, o.txMemoryMax);
        c.put(GraphDatabaseSettings.memory_transaction_global_max_size, o.txMemoryTotal);
        c.put(GraphDatabaseSettings.pagecache_memory, o.pageCache);
        c.put(GraphDatabaseSettings.keep_logical_logs, "2 files");
        c.put(GraphDatabaseSettings.logs_directory, home.resolve("logs"));
        // Bolt's netty event loops otherwise wait a 5 s quiet period each (two loops) on shutdown.
        c.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        c.put(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));
        return c;
    }
}
