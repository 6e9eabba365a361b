package org.omeroilastik.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.omeroilastik.model.repository.Image;

/**
 * What a job would do, before anything runs (for --dry-run and the job editor).
 *
 * @param images the inputs, in order (derived images never among them)
 * @param keyPrefix every output is written under a key starting with it, e.g. "demo.ilp/"
 * @param journal the journal file
 * @param alreadyDone ids of images the journal lists as done (empty unless resuming)
 */
public record JobPlan(List<Image> images, String keyPrefix, Path journal, Set<Long> alreadyDone) {
    public JobPlan {
        images = List.copyOf(images);
        alreadyDone = Set.copyOf(alreadyDone);
    }
}
