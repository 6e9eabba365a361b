package org.omeroilastik.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.omeroilastik.jobs.BatchJob;
import org.omeroilastik.jobs.JobFiles;
import org.omeroilastik.jobs.JobSpec;
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
                       omero-ilastik clean --job FILE

                Removes every output keyed "P.ilp/..." from the dataset and its images: ROIs, tables,
                annotations, attachments and derived images. Outputs of other projects stay. With --job, the
                job file's project, repository and dataset (or images) say what to remove.
                """;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = Options.parse(args, Set.of("job", "source", "project", "dataset"), Set.of());
        String source;
        String prefix;
        long dataset = 0;
        JobSpec jobSpec = null;
        if (o.value("job").isPresent()) {
            if (o.value("source").isPresent() || o.value("project").isPresent() || o.value("dataset").isPresent()) {
                throw new UsageException("give either --job or --source, --project and --dataset");
            }
            JobSpec spec;
            try {
                spec = JobFiles.read(Path.of(o.value("job").get()));
            } catch (IOException e) {
                err.println("omero-ilastik clean: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            source = spec.source();
            prefix = spec.project().getFileName() + "/";
            dataset = spec.datasetId();
            jobSpec = spec;
        } else {
            source = o.value("source").orElseThrow(() -> new UsageException("--source is required"));
            prefix = Path.of(o.value("project").orElseThrow(() -> new UsageException("--project is required"))).getFileName() + "/";
            try {
                dataset = Long.parseLong(o.value("dataset").orElseThrow(() -> new UsageException("--dataset is required")));
            } catch (NumberFormatException e) {
                throw new UsageException("--dataset takes a numeric id");
            }
        }
        try (Repository repo = services.get(Repositories.class).open(source, false)) {
            int removed = 0;
            if (dataset > 0) {
                removed += repo.results().remove(prefix, Owner.DATASET, dataset);
            }
            List<Image> inputs = jobSpec != null ? BatchJob.inputsOf(jobSpec, repo.browse()) : repo.browse().images(dataset);
            for (Image image : inputs) {
                removed += repo.results().remove(prefix, Owner.IMAGE, image.id());
            }
            String where = dataset > 0 ? "dataset " + dataset + " and its images" : inputs.size() + " image(s)";
            out.printf("Removed %d output(s) keyed %s* from %s%n", removed, prefix, where);
            return ExitCode.SUCCESS;
        } catch (RepositoryException e) {
            err.println("omero-ilastik clean: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }
}
