package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.config.Setting;

class Neo4jSettingsTest {
    @Test
    void boltOnlyOnLoopbackWithAuthAndLimitsFromTheOptions() throws Exception {
        Options o = Options.parse(new String[] {"--port", "7699"},
                Map.of("NEO4J_TX_TIMEOUT", "12s", "NEO4J_TX_MEMORY_MAX", "300m", "NEO4J_TX_MEMORY_TOTAL", "600m", "NEO4J_GDS", "0"),
                2L << 30);
        Path home = Path.of("/tmp/claimgraph-settings-test");
        Map<Setting<?>, Object> map = Neo4jSettings.of(o, home);
        // Config validates every value as Neo4j would at start-up.
        Config c = Config.newBuilder().set(map).build();

        assertEquals(new SocketAddress("127.0.0.1", 7699), c.get(BoltConnector.listen_address));
        assertEquals("127.0.0.1", c.get(GraphDatabaseSettings.default_listen_address).getHostname());
        assertEquals(BoltConnector.EncryptionLevel.DISABLED, c.get(BoltConnector.encryption_level));
        assertEquals(false, c.get(HttpConnector.enabled));
        assertEquals(false, c.get(HttpsConnector.enabled));
        assertEquals(true, c.get(GraphDatabaseSettings.auth_enabled));
        assertEquals(false, c.get(GraphDatabaseSettings.allow_file_urls));
        assertEquals(List.of(), c.get(GraphDatabaseSettings.procedure_unrestricted));
        assertEquals(Duration.ofSeconds(12), c.get(GraphDatabaseSettings.transaction_timeout));
        assertEquals(true, c.get(GraphDatabaseSettings.memory_tracking));
        assertEquals(300L << 20, c.get(GraphDatabaseSettings.memory_transaction_max_size));
        assertEquals(600L << 20, c.get(GraphDatabaseSettings.memory_transaction_global_max_size));
        assertEquals(512L << 20, c.get(GraphDatabaseSettings.pagecache_memory));
        assertEquals(home.resolve("logs"), c.get(GraphDatabaseSettings.logs_directory));
    }

    @Test
    void aPluginsDirectoryLoadsProceduresAndOnlyGdsRunsUnrestricted(@org.junit.jupiter.api.io.TempDir Path plugins) throws Exception {
        Options o = Options.parse(new String[0], Map.of("NEO4J_PLUGINS_DIR", plugins.toString()), 2L << 30);
        Config c = Config.newBuilder().set(Neo4jSettings.of(o, Path.of("/tmp/claimgraph-settings-test"))).build();
        assertEquals(plugins.toAbsolutePath(), c.get(GraphDatabaseSettings.plugin_dir));
        assertEquals(List.of("gds.*"), c.get(GraphDatabaseSettings.procedure_unrestricted));
    }

    @Test
    void noPluginsWithGdsOff(@org.junit.jupiter.api.io.TempDir Path plugins) throws Exception {
        Options o = Options.parse(new String[0], Map.of("NEO4J_PLUGINS_DIR", plugins.toString(), "NEO4J_GDS", "0"), 2L << 30);
        assertEquals(null, o.pluginsDir);
        Config c = Config.newBuilder().set(Neo4jSettings.of(o, Path.of("/tmp/claimgraph-settings-test"))).build();
        assertEquals(List.of(), c.get(GraphDatabaseSettings.procedure_unrestricted));
    }

    @Test
    void aPluginsDirectoryThatIsNotOneIsABadValue() {
        LaunchException e = org.junit.jupiter.api.Assertions.assertThrows(LaunchException.class,
                () -> Options.parse(new String[0], Map.of("NEO4J_PLUGINS_DIR", "/nonexistent/claimgraph-plugins"), 2L << 30));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("NEO4J_PLUGINS_DIR"), e.getMessage());
    }
}
