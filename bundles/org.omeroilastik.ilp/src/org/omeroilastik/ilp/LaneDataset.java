package org.omeroilastik.ilp;

import java.util.Arrays;
import java.util.Optional;

import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;

/**
 * One input of one lane as stored under {@code Input Data/infos/laneNNNN/ROLE}: where ilastik read
 * it from, and the axes and shape it recorded (older projects store only an axis order).
 */
public record LaneDataset(String role, String filePath, String nickname, String location, Optional<AxisOrder> axes,
        long[] shape) {

    public LaneDataset {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Extent along {@code axis} when both axes and shape are known. */
    public Optional<Long> size(Axis axis) {
        if (axes.isEmpty() || shape.length != axes.get().size()) {
            return Optional.empty();
        }
        int i = axes.get().indexOf(axis);
        return Optional.of(i < 0 ? 1L : shape[i]);
    }

    @Override
    public String toString() {
        return role + ": " + filePath + axes.map(a -> " " + a).orElse("") + (shape.length > 0 ? " " + Arrays.toString(shape) : "");
    }
}
