package org.omeroilastik.model.results;

import java.util.List;

/** A results table: named columns and rows of numbers or strings. */
public record Table(List<String> columns, List<List<Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        int width = columns.size();
        rows = rows.stream().map(r -> {
            if (r.size() != width) {
                throw new IllegalArgumentException("row of " + r.size() + " values for " + width + " columns");
            }
            return List.copyOf(r);
        }).toList();
    }
}
