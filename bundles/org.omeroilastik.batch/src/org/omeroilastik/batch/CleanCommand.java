package org.omeroilastik.batch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.omeroilastik.model.repository.Image;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.ResultWriter.Owner;

/** {@code clean --source SOURCE --project P.ilp --dataset ID}: removes what batch jobs of that project wrote there. */
final class CleanCommand implements Command {
    private final ServiceLookup services;

    CleanCommand(ServiceLookup services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "clean";
    }

    @Override
    public String summary() {
        return "remove what batch runs of a project wrote on a dataset and its images (by their keys)";
    }

    @Override
    public String usage() {
        return """
                Usage: omero-ilastik clean --source local:DIR --project P.ilp --dataset ID

                Removes every output keyed "P.ilp/..." from the dataset and its images: ROIs, tables,
                annotations, attachments and derived images. Outputs of other projects stay.
                """;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = Options.parse(args, Set.of("source", "project", "dataset"), Set.of());
        String source = o.value("source").orElseThrow(() -> new UsageException("--source is required"));
        String prefix = Path.of(o.value("project").orElseThrow(() -> new UsageException("--project is required"))).getFileName() + "/";
        long dataset;
        try {
            dataset = Long.parseLong(o.value("dataset").orElseThrow(() -> new UsageException("--dataset is required")));
        } catch (NumberFormatException e) {
            throw new UsageException("--dataset takes a numeric id");
        }
        try (Repository repo = services.get(Repositories.class).open(source, false)) {
            int removed = repo.results().remove(prefix, Owner.DATASET, dataset);
            for (Image image : repo.browse().images(dataset)) {
                removed += repo.results().remove(prefix, Owner.IMAGE, image.id());
            }
            out.printf("Removed %d output(s) keyed %s* from dataset %d and its images%n", removed, prefix, dataset);
            return ExitCode.SUCCESS;
        } catch (RepositoryException e) {
            err.println("omero-ilastik clean: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }
}
