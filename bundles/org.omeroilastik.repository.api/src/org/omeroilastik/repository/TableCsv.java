package org.omeroilastik.repository;

import java.util.ArrayList;
import java.util.List;

import org.omeroilastik.model.results.Table;

/**
 * Reads the CSV form of a {@link Table} that the backends store (a header line of column names, then
 * one line per row; fields with a comma, quote or line break are quoted, quotes doubled). A value
 * that reads as an integer becomes a {@link Long}, one that reads as a number a {@link Double}, and
 * anything else stays a {@link String}.
 */
public final class TableCsv {
    private TableCsv() {
    }

    /** Parses {@code text}; {@code origin} (a file or URL) names the table in errors. */
    public static Table parse(String text, String origin) throws RepositoryException {
        List<List<String>> lines = records(text, origin);
        if (lines.isEmpty()) {
            throw new RepositoryException(origin + ": empty table (no header line)");
        }
        List<String> columns = lines.get(0);
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            List<String> fields = lines.get(r);
            if (fields.size() != columns.size()) {
                throw new RepositoryException(origin + ": row " + r + " has " + fields.size() + " values for " + columns.size() + " columns");
            }
            List<Object> row = new ArrayList<>(fields.size());
            for (String f : fields) {
                row.add(value(f));
            }
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    private static Object value(String field) {
        if (field.matches("[-+]?\\d{1,18}")) {
            return Long.parseLong(field);
        }
        if (field.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|NaN|-?Infinity")) {
            return Double.parseDouble(field);
        }
        return field;
    }

    /** Splits into records of fields, honouring quotes; a blank last line is no record. */
    private static List<List<String>> records(String text, String origin) throws RepositoryException {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    out.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(ch);
                any = true;
            }
        }
        if (quoted) {
            throw new RepositoryException(origin + ": unterminated quoted field at the end");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }
}
