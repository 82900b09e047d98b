package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class BulkOptionsTest {
    private static BulkOptions parse(String... args) throws LaunchException {
        return BulkOptions.parse(args);
    }

    @Test
    void groupsInTheImportToolsWords() throws LaunchException {
        BulkOptions o = parse("--home", "/tmp/stage", "--nodes=Entity:Person=/in/h.csv,/in/d.csv,/in/d2.csv",
                "--relationships=FUNDED=/in/rh.csv,/in/r.csv", "--multiline=/in/d2.csv", "--threads", "3",
                "--max-off-heap-memory=1g", "--database", "other");
        assertEquals(Path.of("/tmp/stage"), o.home);
        assertEquals("other", o.database);
        assertEquals(List.of("Entity", "Person"), o.nodes.get(0).labelsOrType());
        assertEquals(List.of(Path.of("/in/h.csv"), Path.of("/in/d.csv"), Path.of("/in/d2.csv")), o.nodes.get(0).files());
        assertEquals(List.of("FUNDED"), o.relationships.get(0).labelsOrType());
        assertTrue(o.multiline.contains(Path.of("/in/d2.csv")));
        assertEquals(3, o.threads);
        assertEquals("1g", o.maxOffHeapMemory);
    }

    @Test
    void defaults() throws LaunchException {
        BulkOptions o = parse("--home", "/tmp/stage", "--nodes=A=/h,/d");
        assertEquals("neo4j", o.database);
        assertEquals('\u001f', o.arrayDelimiter);
        assertEquals(Runtime.getRuntime().availableProcessors(), o.threads);
        assertNull(o.maxOffHeapMemory);
        assertTrue(o.relationships.isEmpty());
        assertTrue(o.maxOffHeapMemoryBytes() > 0);
    }

    @Test
    void arrayDelimiterAsACharacterOrACodePoint() throws LaunchException {
        assertEquals(';', parse("--home", "/s", "--nodes=A=/h,/d", "--array-delimiter", ";").arrayDelimiter);
        assertEquals('\u001e', parse("--home", "/s", "--nodes=A=/h,/d", "--array-delimiter=U+001E").arrayDelimiter);
        assertThrows(LaunchException.class, () -> parse("--home", "/s", "--nodes=A=/h,/d", "--array-delimiter", ","));
        assertThrows(LaunchException.class, () -> parse("--home", "/s", "--nodes=A=/h,/d", "--array-delimiter", "U+ZZ"));
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheProblem() {
        assertUsage("--home is required", "--nodes=A=/h,/d");
        assertUsage("At least one --nodes group", "--home", "/s");
        assertUsage("needs a header file and at least one data file", "--home", "/s", "--nodes=A=/h");
        assertUsage("needs Label[:Label...]=header.csv", "--home", "/s", "--nodes=/h,/d");
        assertUsage("one relationship type per group", "--home", "/s", "--nodes=A=/h,/d", "--relationships=A:B=/h,/d");
        assertUsage("is not a label or type name", "--home", "/s", "--nodes=A-B=/h,/d");
        assertUsage("Unknown argument '--overwrite-destination'", "--home", "/s", "--nodes=A=/h,/d", "--overwrite-destination");
        assertUsage("Missing value for --threads", "--home", "/s", "--nodes=A=/h,/d", "--threads");
        assertUsage("Invalid --threads '0'", "--home", "/s", "--nodes=A=/h,/d", "--threads", "0");
        assertUsage("Invalid database name", "--home", "/s", "--nodes=A=/h,/d", "--database", "X");
    }

    @Test
    void helpAndStdinWatch() throws LaunchException {
        assertTrue(parse("--help").help);
        assertTrue(parse("--home", "/s", "--nodes=A=/h,/d", "--exit-on-stdin-close").exitOnStdinClose);
    }

    private static void assertUsage(String expected, String... args) {
        LaunchException e = assertThrows(LaunchException.class, () -> parse(args));
        assertEquals(LaunchException.EXIT_USAGE, e.exitCode);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
