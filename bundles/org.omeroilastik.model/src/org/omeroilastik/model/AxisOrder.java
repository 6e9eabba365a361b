package org.omeroilastik.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

/**
 * An ordered set of distinct axes, slowest-varying first as in numpy/HDF5 (so "tzyxc" has c
 * contiguous in memory).
 */
public record AxisOrder(List<Axis> axes) {

    public AxisOrder {
        axes = List.copyOf(axes);
        if (EnumSet.copyOf(axes.isEmpty() ? EnumSet.noneOf(Axis.class) : axes).size() != axes.size()) {
            throw new IllegalArgumentException("repeated axis in " + keys(axes));
        }
    }

    /** Parses ilastik's letters, for example {@code "tzyxc"}. */
    public static AxisOrder of(String keys) {
        List<Axis> list = new ArrayList<>();
        for (char c : keys.toCharArray()) {
            list.add(Axis.ofKey(c));
        }
        return new AxisOrder(list);
    }

    public int size() {
        return axes.size();
    }

    public Axis get(int index) {
        return axes.get(index);
    }

    /** Position of {@code axis}, or -1 when absent. */
    public int indexOf(Axis axis) {
        return axes.indexOf(axis);
    }

    public boolean has(Axis axis) {
        return axes.contains(axis);
    }

    public AxisOrder reversed() {
        List<Axis> r = new ArrayList<>(axes);
        Collections.reverse(r);
        return new AxisOrder(r);
    }

    /** ilastik's letters, for example {@code "tzyxc"}. */
    public String keys() {
        return keys(axes);
    }

    private static String keys(List<Axis> axes) {
        StringBuilder sb = new StringBuilder();
        for (Axis a : axes) {
            sb.append(a.key());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return keys();
    }
}
