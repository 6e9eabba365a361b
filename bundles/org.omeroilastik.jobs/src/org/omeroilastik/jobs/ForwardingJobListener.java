package org.omeroilastik.jobs;

import java.util.Objects;

import org.omeroilastik.model.repository.Image;

/**
 * A listener that passes every event on to another: decorators (exporting after each image,
 * counting progress) override only the events they add to and call {@code super} to pass them on.
 */
public class ForwardingJobListener implements JobListener {
    private final JobListener next;

    public ForwardingJobListener(JobListener next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void started(Image image, int index, int total) {
        next.started(image, index, total);
    }

    @Override
    public void block(Image image, int done, int total) {
        next.block(image, done, total);
    }

    @Override
    public void finished(Image image, String summary) {
        next.finished(image, summary);
    }

    @Override
    public void skipped(Image image) {
        next.skipped(image);
    }

    @Override
    public void failed(Image image, String error) {
        next.failed(image, error);
    }

    @Override
    public void cancelled(Image image) {
        next.cancelled(image);
    }
}
