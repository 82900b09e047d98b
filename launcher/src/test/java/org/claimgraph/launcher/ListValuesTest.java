package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.batchimport.api.input.InputEntityVisitor;

class ListValuesTest {
    private static final char D = '\u001f';

    /** What reaches the importer behind the decorator. */
    private static Map<String, Object> through(Object... keyValues) {
        Map<String, Object> seen = new LinkedHashMap<>();
        InputEntityVisitor importer = new InputEntityVisitor.Adapter() {
            @Override
            public boolean property(String key, Object value) {
                seen.put(key, value);
                return true;
            }
        };
        InputEntityVisitor v = new ListValues(D).apply(importer);
        for (int i = 0; i < keyValues.length; i += 2) v.property((String) keyValues[i], keyValues[i + 1]);
        return seen;
    }

    @Test
    void theEmptyListsColumnBecomesEmptyListsAndIsNotStored() {
        Map<String, Object> seen = through("name", "A", "@empty", new String[] {"aliases", "tags"});
        assertEquals(3, seen.size());
        assertEquals("A", seen.get("name"));
        assertArrayEquals(new String[0], (String[]) seen.get("aliases"));
        assertArrayEquals(new String[0], (String[]) seen.get("tags"));
    }

    @Test
    void escapedStringListElementsAreReadBack() {
        Map<String, Object> seen = through("aliases", new String[] {"plain", "back\\\\slash", "a\\db", "\\e", "x\\\\e"});
        assertArrayEquals(new String[] {"plain", "back\\slash", "a" + D + "b", "", "x\\e"}, (String[]) seen.get("aliases"));
    }

    @Test
    void listsWithoutEscapesAndOtherValuesPassAsTheyAre() {
        String[] plain = {"a", "b"};
        double[] nums = {1.5, 2};
        Map<String, Object> seen = through("s", plain, "n", nums, "x", 40.0, "b", true);
        assertSame(plain, seen.get("s"));
        assertSame(nums, seen.get("n"));
        assertEquals(40.0, seen.get("x"));
        assertEquals(true, seen.get("b"));
    }

    @Test
    void anUnknownEscapeIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ListValues.unescape("a\\qb", D));
        assertEquals("trailing\\", ListValues.unescape("trailing\\", D));
    }
}
