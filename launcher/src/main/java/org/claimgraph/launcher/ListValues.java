package org.claimgraph.launcher;

import org.neo4j.batchimport.api.input.InputEntityVisitor;
import org.neo4j.internal.batchimport.input.csv.Decorator;

/**
 * Reads back what Neo4j's CSV format cannot say directly, as server/import/write/bulk-csv.ts writes
 * it, between the CSV parser and the importer (a {@link Decorator} on every input file, as the
 * importer's own label and type decorators are):
 *
 * <ul>
 *   <li>empty lists: the importer drops an empty array value as if it were absent, while the
 *       transactional importer stores {@code aliases: []}. The column {@value #EMPTY_LISTS_COLUMN}
 *       ({@code string[]}) lists a row's properties that are empty lists; they are stored as empty
 *       arrays and the column itself is not;
 *   <li>string-list elements that hold the array delimiter or a backslash, or a list that is one
 *       empty string: such an element is escaped ({@code \\} a backslash, {@code \d} the array
 *       delimiter, {@code \e} alone the empty string) and unescaped here. An element without a
 *       backslash is passed through as it is.
 * </ul>
 */
final class ListValues implements Decorator {
    /** A column no property can be named like (dataset property names are letters, digits and _). */
    static final String EMPTY_LISTS_COLUMN = "@empty";
    private static final String[] EMPTY = new String[0];

    private final char arrayDelimiter;

    ListValues(char arrayDelimiter) {
        this.arrayDelimiter = arrayDelimiter;
    }

    @Override
    public InputEntityVisitor apply(InputEntityVisitor actual) {
        return new InputEntityVisitor.Delegate(actual) {
            @Override
            public boolean property(String key, Object value) {
                if (EMPTY_LISTS_COLUMN.equals(key)) {
                    for (String name : (String[]) value) super.property(name, EMPTY);
                    return true;
                }
                if (value instanceof String[] list) return super.property(key, unescape(list, arrayDelimiter));
                return super.property(key, value);
            }
        };
    }

    /** The list with its escaped elements read back (the same array when none is escaped). */
    static String[] unescape(String[] list, char arrayDelimiter) {
        String[] out = list;
        for (int i = 0; i < list.length; i++) {
            String s = list[i];
            if (s.indexOf('\\') < 0) continue;
            if (out == list) out = list.clone();
            out[i] = unescape(s, arrayDelimiter);
        }
        return out;
    }

    static String unescape(String s, char arrayDelimiter) {
        if (s.equals("\\e")) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '\\' || i + 1 == s.length()) {
                sb.append(ch);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case '\\' -> sb.append('\\');
                case 'd' -> sb.append(arrayDelimiter);
                default -> throw new IllegalArgumentException("Bad escape \\" + next + " in list element '" + s + "'");
            }
        }
        return sb.toString();
    }
}
