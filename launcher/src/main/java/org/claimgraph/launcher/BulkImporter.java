package org.claimgraph.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.neo4j.batchimport.api.BatchImporter;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.IndexConfig;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.importer.PrintingImportLogicMonitor;
import org.neo4j.internal.batchimport.DefaultAdditionalIds;
import org.neo4j.internal.batchimport.input.Groups;
import org.neo4j.internal.batchimport.input.InputEntityDecorators;
import org.neo4j.internal.batchimport.input.csv.CsvInput;
import org.neo4j.internal.batchimport.input.csv.DataFactories;
import org.neo4j.internal.batchimport.input.csv.DataFactory;
import org.neo4j.internal.batchimport.input.csv.Decorator;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileSystemAbstraction;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;
import org.neo4j.io.pagecache.context.FixedVersionContextSupplier;
import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.kernel.impl.index.schema.IndexImporterFactoryImpl;
import org.neo4j.kernel.impl.scheduler.JobSchedulerFactory;
import org.neo4j.kernel.impl.transaction.log.files.TransactionLogInitializer;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.logging.internal.SimpleLogService;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.scheduler.JobScheduler;
import org.neo4j.storageengine.api.StorageEngineFactory;

/**
 * Runs Neo4j's batch importer in this JVM on CSV files, as {@code neo4j-admin database import full}
 * does (the same {@link CsvInput}, the same {@link BatchImporter} of the configured storage engine,
 * the same import configuration: token indexes, worker threads, off-heap memory), with two
 * differences: every input file also goes through {@link ListValues} (empty lists and escaped list
 * elements), and no bad entry is tolerated (the first one fails the import: the data was validated
 * before it was written).
 *
 * <p>The store is written under a staging home that must not hold one for the database yet; the
 * caller moves it into place only when this returned normally.
 */
final class BulkImporter {
    /** What was imported. */
    record Summary(long millis, Path databaseDirectory, Path transactionsDirectory) {}

    private BulkImporter() {}

    static Summary run(BulkOptions o, PrintStream progress) throws LaunchException, IOException {
        long started = System.nanoTime();
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, o.home).build();
        DatabaseLayout layout = Neo4jLayout.of(config).databaseLayout(o.database);
        refuseExistingStore(layout);
        for (BulkOptions.Group g : concat(o.nodes, o.relationships)) {
            for (Path f : g.files()) {
                if (!Files.isRegularFile(f)) throw LaunchException.usage("Input file not found: " + f);
            }
        }
        long offHeap = o.maxOffHeapMemoryBytes();
        org.neo4j.csv.reader.Configuration csv = org.neo4j.csv.reader.Configuration.COMMAS.toBuilder()
                .withArrayDelimiter(o.arrayDelimiter)
                .withMultilineDocuments(multilinePredicate(o.multiline))
                .build();
        Configuration importConfig = new Configuration.Overridden(Configuration.defaultConfiguration()) {
            @Override
            public int maxNumberOfWorkerThreads() {
                return o.threads;
            }

            @Override
            public long maxOffHeapMemory() {
                return offHeap;
            }

            @Override
            public IndexConfig indexConfig() {
                // As the import tool: the node label and relationship type lookup indexes every database has.
                return IndexConfig.create().withLabelIndex().withRelationshipTypeIndex();
            }
        };
        ZoneId zone = config.get(GraphDatabaseSettings.db_temporal_timezone);
        Path report = o.home.resolve("import.report");
        Files.createDirectories(o.home);
        try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction();
                OutputStream badOutput = Files.newOutputStream(report);
                Collector bad = org.neo4j.internal.batchimport.input.Collectors.badCollector(badOutput, 0,
                        org.neo4j.internal.batchimport.input.Collectors.collect(false, false, false, false), false);
                Input input = new CsvInput(
                        data(o.nodes, true, o.arrayDelimiter),
                        DataFactories.defaultFormatNodeFileHeader(() -> zone, true),
                        data(o.relationships, false, o.arrayDelimiter),
                        DataFactories.defaultFormatRelationshipFileHeader(() -> zone, true),
                        IdType.STRING,
                        csv,
                        false,
                        new CsvInput.PrintingMonitor(progress),
                        new Groups(),
                        EmptyMemoryTracker.INSTANCE);
                JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler()) {
            StorageEngineFactory engine = StorageEngineFactory.selectStorageEngine(config);
            BatchImporter importer = engine.batchImporter(
                    layout,
                    fs,
                    PageCacheTracer.NULL,
                    importConfig,
                    new SimpleLogService(NullLogProvider.getInstance(), NullLogProvider.getInstance(), false),
                    progress,
                    false,
                    DefaultAdditionalIds.EMPTY,
                    config,
                    new PrintingImportLogicMonitor(progress, progress),
                    scheduler,
                    bad,
                    TransactionLogInitializer.getLogFilesInitializer(),
                    new IndexImporterFactoryImpl(),
                    EmptyMemoryTracker.INSTANCE,
                    new CursorContextFactory(PageCacheTracer.NULL, new FixedVersionContextSupplier(1L)));
            importer.doImport(input);
        }
        return new Summary((System.nanoTime() - started) / 1_000_000,
                layout.databaseDirectory(), layout.getTransactionLogsDirectory());
    }

    /** The importer writes into an empty place only: a store there would be overwritten or mixed with. */
    static void refuseExistingStore(DatabaseLayout layout) throws LaunchException, IOException {
        for (Path dir : List.of(layout.databaseDirectory(), layout.getTransactionLogsDirectory())) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.anyMatch(p -> !p.getFileName().toString().equals("database_lock"))) {
                    throw LaunchException.usage("A store already exists in " + dir + ": the bulk import writes a new store into an empty staging home only.");
                }
            }
        }
    }

    private static java.util.function.Predicate<String> multilinePredicate(Set<Path> files) {
        Set<String> names = files.stream().map(Path::toString).collect(Collectors.toSet());
        return names::contains;
    }

    private static Iterable<DataFactory> data(List<BulkOptions.Group> groups, boolean nodes, char arrayDelimiter) {
        List<DataFactory> out = new ArrayList<>();
        for (BulkOptions.Group g : groups) {
            Decorator naming = nodes
                    ? InputEntityDecorators.additiveLabels(g.labelsOrType().toArray(new String[0]))
                    : InputEntityDecorators.defaultRelationshipType(g.labelsOrType().get(0));
            Decorator decorator = InputEntityDecorators.decorators(naming, new ListValues(arrayDelimiter));
            out.add(DataFactories.data(decorator, StandardCharsets.UTF_8, g.files().toArray(new Path[0])));
        }
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
