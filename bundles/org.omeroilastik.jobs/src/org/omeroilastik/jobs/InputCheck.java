package org.omeroilastik.jobs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.omeroilastik.model.repository.Image;
import org.omeroilastik.repository.Browse;
import org.omeroilastik.repository.RepositoryException;

/**
 * Whether the images of a job input have the channels the project was trained on (ilastik refuses others).
 *
 * @param images how many images the input holds
 * @param mismatched how many of them have another channel count
 * @param message "3 images, 1 channel" when they match, else what is wrong, e.g. "2 of 3 images have 3 channels; the project expects 1"
 */
public record InputCheck(int images, int mismatched, String message) {

    public boolean ok() {
        return mismatched == 0 && images > 0;
    }

    /**
     * Checks one input against the channel count the project expects (0 or less: unknown, nothing is compared).
     * Reads the repository: never call it on the display thread.
     */
    public static InputCheck of(Browse browse, String source, JobDocument.Input input, int projectChannels) throws RepositoryException {
        // The images a run would read for this input: the same expansion as the run's.
        JobSpec spec = JobDocument.of(java.nio.file.Path.of("check.ilp"), JobSpec.Engine.EMBEDDED, 0, 1).withInputs(source, List.of(input))
                .specs(java.util.Optional.empty()).get(0);
        List<Image> images = BatchJob.inputsOf(spec, browse);
        Map<Long, Integer> byChannels = new TreeMap<>();
        for (Image i : images) {
            byChannels.merge(i.pixels().channels(), 1, Integer::sum);
        }
        if (images.isEmpty()) {
            return new InputCheck(0, 0, "no images");
        }
        String n = images.size() == 1 ? "1 image" : images.size() + " images";
        if (projectChannels <= 0) {
            return new InputCheck(images.size(), 0, n + ", channels " + byChannels.keySet() + " (the project does not say how many it expects)");
        }
        int mismatched = images.size() - byChannels.getOrDefault((long) projectChannels, 0);
        if (mismatched == 0) {
            return new InputCheck(images.size(), 0, n + ", " + channels(projectChannels) + " as the project expects");
        }
        StringBuilder what = new StringBuilder();
        for (var e : byChannels.entrySet()) {
            if (e.getKey() != projectChannels) {
                what.append(what.length() == 0 ? "" : ", ").append(e.getValue()).append(" with ").append(channels(e.getKey()));
            }
        }
        return new InputCheck(images.size(), mismatched, "channel mismatch: " + mismatched + " of " + n + " (" + what + "); the project expects "
                + channels(projectChannels));
    }

    private static String channels(long n) {
        return n == 1 ? "1 channel" : n + " channels";
    }
}
