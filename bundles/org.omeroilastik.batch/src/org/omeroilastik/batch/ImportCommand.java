package org.omeroilastik.batch;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.repository.Dataset;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.repository.DataManager;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;

/** {@code import --source SOURCE (--dataset ID | --new-dataset NAME [--project ID | --new-project NAME]) FILE...}. */
final class ImportCommand implements Command {
    private final ServiceLookup services;

    ImportCommand(ServiceLookup services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "add image files (HDF5, NPY, PNG, TIFF) to a dataset of a repository";
    }

    @Override
    public String usage() {
        return """
                Usage: omero-ilastik import --source local:DIR (--dataset ID | --new-dataset NAME [--project ID | --new-project NAME])
                                           [--input-axes AXES] FILE [FILE ...]

                Copies each image into the repository (a local repository is created in an empty or missing
                DIR) and links it to the dataset. FILE may be FILE.h5/DATASET. Prints each new image's id.
                Exit codes: 0 all imported, 1 some failed (the rest imported), 2 bad usage or none imported.
                """;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = Options.parse(args, Set.of("source", "dataset", "new-dataset", "project", "new-project", "input-axes"), Set.of());
        String source = o.value("source").orElseThrow(() -> new UsageException("--source is required, e.g. --source local:DIR"));
        if (o.positional().isEmpty()) {
            throw new UsageException("no image file given");
        }
        if (o.value("dataset").isPresent() == o.value("new-dataset").isPresent()) {
            throw new UsageException("give exactly one of --dataset ID and --new-dataset NAME");
        }
        Optional<AxisOrder> axes;
        try {
            axes = o.value("input-axes").map(AxisOrder::of);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--input-axes: " + e.getMessage());
        }
        int failures = 0;
        try (Repository repo = services.get(Repositories.class).open(source, true)) {
            DataManager dm = repo.dataManager();
            long datasetId;
            if (o.value("dataset").isPresent()) {
                datasetId = parseId(o.value("dataset").get(), "--dataset");
                repo.browse().dataset(datasetId);
            } else {
                Optional<Long> project = Optional.empty();
                if (o.value("project").isPresent()) {
                    project = Optional.of(parseId(o.value("project").get(), "--project"));
                } else if (o.value("new-project").isPresent()) {
                    project = Optional.of(dm.createProject(o.value("new-project").get(), "").id());
                    out.println("Created project " + project.get() + " \"" + o.value("new-project").get() + "\"");
                }
                Dataset d = dm.createDataset(o.value("new-dataset").get(), "", project);
                datasetId = d.id();
                out.println("Created dataset " + d.id() + " \"" + d.name() + "\"");
            }
            for (String spec : o.positional()) {
                ImageSource src = ImageSource.parse(spec);
                if (axes.isPresent()) {
                    src = src.withAxes(axes.get());
                }
                try {
                    Image image = dm.importImage(datasetId, src, src.nickname());
                    out.println("Imported " + spec + " as image " + image.id() + " " + image.pixels() + " into dataset " + datasetId);
                } catch (RepositoryException e) {
                    failures++;
                    err.println("omero-ilastik import: " + e.getMessage());
                }
            }
        } catch (RepositoryException e) {
            err.println("omero-ilastik import: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (failures == 0) {
            return ExitCode.SUCCESS;
        }
        return failures == o.positional().size() ? ExitCode.BAD_INPUT : ExitCode.PARTIAL_FAILURE;
    }

    private static long parseId(String v, String option) throws UsageException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a numeric id, not '" + v + "'");
        }
    }
}
