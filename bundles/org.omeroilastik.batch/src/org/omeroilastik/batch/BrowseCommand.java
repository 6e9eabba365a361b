package org.omeroilastik.batch;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.omeroilastik.model.repository.Dataset;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.repository.Plate;
import org.omeroilastik.model.repository.Project;
import org.omeroilastik.model.repository.Screen;
import org.omeroilastik.model.repository.Well;
import org.omeroilastik.repository.Browse;
import org.omeroilastik.repository.Counts;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** {@code browse --source SOURCE [--json]}: the repository's hierarchy. */
final class BrowseCommand implements Command {
    private final ServiceLookup services;

    BrowseCommand(ServiceLookup services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "browse";
    }

    @Override
    public String summary() {
        return "show a repository's Projects/Datasets/Images and Screens/Plates/Wells";
    }

    @Override
    public String usage() {
        return """
                Usage: omero-ilastik browse --source local:DIR|omero:https://HOST [--json] [--trust-cert FILE]
                                            [--pixel-source auto|pixel-buffer|zarr|ome-tiff|rendered]

                Prints the hierarchy as a tree. With --json: an array of root nodes (projects, screens and one
                node of type "orphans"), each {"type", "id", "name", "children": [...]}; well fields are image
                children of wells; derived images (results) are not listed as children; images and datasets
                carry "counts": {"rois", "tables", "attachments", "derived", "annotations"}.
                An OMERO server is reached through OMERO.web (docs/omero-web.md) with OMERO_USER and
                OMERO_PASSWORD (and OMERO_GROUP) from the environment; TLS trusts the JVM's trust store
                and, with --trust-cert, the server's own certificate (PEM or DER).
                """;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = Options.parse(args, Set.of("source", "trust-cert", "pixel-source"), Set.of("json"));
        OmeroOptions.apply(o);
        String source = o.value("source").orElseThrow(() -> new UsageException("--source is required, e.g. --source local:DIR"));
        try (Repository repo = services.get(Repositories.class).open(source, false)) {
            JsonArray roots = tree(repo.browse());
            if (o.flag("json")) {
                out.println(new GsonBuilder().setPrettyPrinting().create().toJson(roots));
            } else {
                out.println(repo.location());
                for (var e : roots) {
                    print(out, e.getAsJsonObject(), "  ");
                }
            }
            return ExitCode.SUCCESS;
        } catch (RepositoryException e) {
            err.println("omero-ilastik browse: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }

    static JsonArray tree(Browse b) throws RepositoryException {
        JsonArray roots = new JsonArray();
        for (Project p : b.projects()) {
            JsonObject node = node("project", p.id(), p.name());
            for (Dataset d : b.datasets(p.id())) {
                node.getAsJsonArray("children").add(dataset(b, d));
            }
            roots.add(node);
        }
        for (Screen s : b.screens()) {
            JsonObject node = node("screen", s.id(), s.name());
            for (Plate p : b.plates(s.id())) {
                JsonObject plate = node("plate", p.id(), p.name());
                for (Well w : b.wells(p.id())) {
                    JsonObject well = node("well", w.id(), w.name());
                    for (long id : w.fieldImageIds()) {
                        well.getAsJsonArray("children").add(image(b, b.image(id)));
                    }
                    plate.getAsJsonArray("children").add(well);
                }
                node.getAsJsonArray("children").add(plate);
            }
            roots.add(node);
        }
        JsonObject orphans = node("orphans", 0, "Orphaned");
        for (Dataset d : b.orphanedDatasets()) {
            orphans.getAsJsonArray("children").add(dataset(b, d));
        }
        for (Image i : b.orphanedImages()) {
            orphans.getAsJsonArray("children").add(image(b, i));
        }
        roots.add(orphans);
        return roots;
    }

    private static JsonObject dataset(Browse b, Dataset d) throws RepositoryException {
        JsonObject node = node("dataset", d.id(), d.name());
        for (Image i : b.images(d.id())) {
            node.getAsJsonArray("children").add(image(b, i));
        }
        node.add("counts", counts(b.datasetCounts(d.id())));
        return node;
    }

    private static JsonObject image(Browse b, Image i) throws RepositoryException {
        JsonObject node = node("image", i.id(), i.name());
        node.addProperty("pixels", i.pixels().toString());
        node.add("counts", counts(b.counts(i.id())));
        return node;
    }

    private static JsonObject node(String type, long id, String name) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        o.addProperty("id", id);
        o.addProperty("name", name);
        o.add("children", new JsonArray());
        return o;
    }

    private static JsonObject counts(Counts c) {
        JsonObject o = new JsonObject();
        o.addProperty("rois", c.rois());
        o.addProperty("tables", c.tables());
        o.addProperty("attachments", c.attachments());
        o.addProperty("derived", c.derived());
        o.addProperty("annotations", c.annotations());
        return o;
    }

    private static void print(PrintStream out, JsonObject n, String indent) {
        String type = n.get("type").getAsString();
        String label = type.substring(0, 1).toUpperCase() + type.substring(1);
        out.print(indent + label + (type.equals("orphans") ? "" : " " + n.get("id").getAsLong()) + " \"" + n.get("name").getAsString() + "\"");
        if (n.has("pixels")) {
            out.print("  " + n.get("pixels").getAsString());
        }
        out.println();
        for (var c : n.getAsJsonArray("children")) {
            print(out, c.getAsJsonObject(), indent + "  ");
        }
    }
}
