package org.omeroilastik.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.omeroilastik.jobs.ForwardingJobListener;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;

/**
 * Calls exporters after each finished image of a run, then passes every event on to {@code next}.
 * It reads what the job wrote back from the repository (opened on the first finished image and closed by
 * {@link #close()}). A failing exporter does not fail the image: its message is kept in {@link #errors()}.
 */
public final class ExportingListener extends ForwardingJobListener implements AutoCloseable {
    private final Repositories repositories;
    private final String source;
    private final String project;
    private final Map<String, Exporter> exporters;
    private final Path folder;
    private final List<String> errors = new ArrayList<>();
    private Repository repository;

    /**
     * @param project the .ilp's file name (the key prefix of its outputs)
     * @param exporters by id, called in this order
     */
    public ExportingListener(Repositories repositories, String source, String project, Map<String, Exporter> exporters, Path folder,
            JobListener next) {
        super(next);
        this.repositories = repositories;
        this.source = source;
        this.project = project;
        this.exporters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exporters));
        this.folder = folder;
    }

    @Override
    public void finished(Image image, String summary) {
        if (!exporters.isEmpty()) {
            export(image, summary);
        }
        super.finished(image, summary);
    }

    // One image at a time: exporters need not be thread-safe, and they share the folder.
    private synchronized void export(Image image, String summary) {
        ImageResult result;
        try {
            Files.createDirectories(folder);
            if (repository == null) {
                repository = repositories.open(source, false);
            }
            result = new ImageResult(source, image, project, summary, repository.browse().rois(image.id()),
                    repository.browse().derivedImages(image.id()));
        } catch (IOException e) {
            errors.add(image.name() + ": cannot read its results for the exporters: " + e.getMessage());
            return;
        }
        for (var e : exporters.entrySet()) {
            try {
                e.getValue().export(result, folder);
            } catch (IOException | RuntimeException x) {
                errors.add(image.name() + ": exporter " + e.getKey() + " failed: " + x.getMessage());
            }
        }
    }

    /** What went wrong in exporters so far, one line per image and exporter. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public synchronized void close() throws RepositoryException {
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }
}
