package org.omeroilastik.batch;

import java.io.PrintStream;

import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.model.repository.Image;

/**
 * Prints a job's progress: a line per task and, when {@code blocks} is on, per engine block; errors
 * go to {@code err}. Lines of tasks running side by side name their image.
 */
final class PrintingJobListener implements JobListener {
    private final PrintStream out;
    private final PrintStream err;
    private final String command;
    private final boolean blocks;

    PrintingJobListener(PrintStream out, PrintStream err, String command, boolean blocks) {
        this.out = out;
        this.err = err;
        this.command = command;
        this.blocks = blocks;
    }

    @Override
    public void started(Image image, int index, int total) {
        out.printf("[%d/%d] image %d \"%s\" %s%n", index + 1, total, image.id(), image.name(), image.pixels());
    }

    @Override
    public void block(Image image, int done, int total) {
        if (blocks) {
            out.printf("  image %d: block %d/%d%n", image.id(), done, total);
        }
    }

    @Override
    public void finished(Image image, String summary) {
        out.printf("  image %d done: %s%n", image.id(), summary);
    }

    @Override
    public void skipped(Image image) {
        out.printf("  image %d already done (journal), skipped%n", image.id());
    }

    @Override
    public void failed(Image image, String error) {
        err.println("omero-ilastik " + command + ": image " + image.id() + ": " + error);
    }

    @Override
    public void cancelled(Image image) {
        out.printf("  image %d cancelled (not journalled; --resume takes it up)%n", image.id());
    }
}
