package org.omeroilastik.ilp;

import java.util.List;
import java.util.Optional;

/** One lane (image) of the project's input applet with a dataset per role that was filled in. */
public record InputLane(int index, List<LaneDataset> datasets) {
    public InputLane {
        datasets = List.copyOf(datasets);
    }

    public Optional<LaneDataset> role(String role) {
        return datasets.stream().filter(d -> d.role().equals(role)).findFirst();
    }
}
