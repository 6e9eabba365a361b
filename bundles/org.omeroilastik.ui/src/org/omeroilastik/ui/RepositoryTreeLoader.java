package org.omeroilastik.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.omeroilastik.model.repository.Channel;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.repository.Plate;
import org.omeroilastik.model.repository.Well;
import org.omeroilastik.repository.Browse;
import org.omeroilastik.repository.Counts;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.ui.ExplorerNode.Kind;

/**
 * Reads the explorer's tree from the repositories, keeping one open connection per source. All of
 * it runs in Eclipse Jobs, never on the display thread.
 */
final class RepositoryTreeLoader implements ExplorerNode.Loader, AutoCloseable {
    private final Repositories repositories;
    private final Map<String, Repository> open = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> fields = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    RepositoryTreeLoader(Repositories repositories) {
        this.repositories = repositories;
    }

    Repository repository(String source) throws RepositoryException {
        // One opening per source at a time: a listing and the thumbnail Job asking together would
        // otherwise log in twice (and ask twice for a locked secure storage's master password).
        synchronized (locks.computeIfAbsent(source, k -> new Object())) {
            Repository r = open.get(source);
            if (r == null) {
                r = repositories.open(source, false);
                open.put(source, r);
            }
            return r;
        }
    }

    @Override
    public List<ExplorerNode> children(ExplorerNode parent) throws RepositoryException {
        DisplayThreadGuard.check("listing " + parent.label());
        Browse b = repository(parent.source()).browse();
        String s = parent.source();
        List<ExplorerNode> out = new ArrayList<>();
        switch (parent.kind()) {
            case CONNECTION -> {
                b.projects().forEach(p -> out.add(new ExplorerNode(s, Kind.PROJECT, p.id(), p.name(), null)));
                b.screens().forEach(sc -> out.add(new ExplorerNode(s, Kind.SCREEN, sc.id(), sc.name(), null)));
                out.add(new ExplorerNode(s, Kind.ORPHANS, 0, "Orphaned", null));
            }
            case PROJECT -> b.datasets(parent.id()).forEach(d -> out.add(new ExplorerNode(s, Kind.DATASET, d.id(), d.name(), null)));
            case DATASET -> b.images(parent.id()).forEach(i -> out.add(image(s, i)));
            case SCREEN -> {
                for (Plate p : b.plates(parent.id())) {
                    out.add(new ExplorerNode(s, Kind.PLATE, p.id(), p.name() + " (" + p.rows() + "\u00d7" + p.columns() + ")", null));
                }
            }
            case PLATE -> {
                for (Well w : b.wells(parent.id())) {
                    fields.put(s + "#" + w.id(), w.fieldImageIds());
                    out.add(new ExplorerNode(s, Kind.WELL, w.id(), w.name() + " (" + w.fieldImageIds().size() + " field"
                            + (w.fieldImageIds().size() == 1 ? ")" : "s)"), null));
                }
            }
            case WELL -> out.addAll(wellFields(b, parent));
            case ORPHANS -> {
                b.orphanedDatasets().forEach(d -> out.add(new ExplorerNode(s, Kind.DATASET, d.id(), d.name(), null)));
                b.orphanedImages().forEach(i -> out.add(image(s, i)));
            }
            case IMAGE -> {
                // images have no children
            }
        }
        return out;
    }

    /** A well's fields, known from listing its plate (wells are only reached that way). */
    private List<ExplorerNode> wellFields(Browse b, ExplorerNode well) throws RepositoryException {
        List<ExplorerNode> out = new ArrayList<>();
        for (long field : fields.getOrDefault(well.source() + "#" + well.id(), List.of())) {
            out.add(image(well.source(), b.image(field)));
        }
        return out;
    }

    private static ExplorerNode image(String source, Image i) {
        return new ExplorerNode(source, Kind.IMAGE, i.id(), i.name(), i);
    }

    /** A thumbnail of an image node (PNG or JPEG bytes). */
    byte[] thumbnail(ExplorerNode node, int size) throws RepositoryException {
        DisplayThreadGuard.check("rendering a thumbnail of " + node.label());
        return repository(node.source()).browse().thumbnail(node.id(), size);
    }

    /** What the metadata panel shows for a node. */
    String describe(ExplorerNode node) throws RepositoryException {
        DisplayThreadGuard.check("describing " + node.label());
        Browse b = repository(node.source()).browse();
        return switch (node.kind()) {
            case IMAGE -> {
                Image i = node.image();
                Counts c = b.counts(i.id());
                StringBuilder sb = new StringBuilder();
                sb.append("Image ").append(i.id()).append(": ").append(i.name()).append('\n');
                sb.append("Pixels: ").append(i.pixels()).append('\n');
                for (Channel ch : b.channels(i.id())) {
                    sb.append("  channel ").append(ch.label()).append("  #").append(ch.colour());
                    ch.emissionWavelength().ifPresent(w -> sb.append("  ").append(Math.round(w)).append(" nm"));
                    sb.append("  window ").append(number(ch.windowStart())).append("\u2013").append(number(ch.windowEnd())).append('\n');
                }
                sb.append("Results: ").append(c.rois()).append(" ROIs, ").append(c.tables()).append(" tables, ").append(c.attachments())
                        .append(" attachments, ").append(c.derived()).append(" derived images, ").append(c.annotations())
                        .append(" annotation sets\n");
                b.derivedImages(i.id()).forEach(d -> sb.append("  derived: ").append(d.name()).append(' ').append(d.pixels()).append('\n'));
                yield sb.toString();
            }
            case DATASET -> {
                Counts c = b.datasetCounts(node.id());
                yield "Dataset " + node.id() + ": " + node.label() + "\n" + b.images(node.id()).size() + " images; " + c.attachments()
                        + " attachments, " + c.annotations() + " annotation sets\n";
            }
            case CONNECTION -> "Repository " + node.source() + "\n";
            default -> node.kind().name().charAt(0) + node.kind().name().substring(1).toLowerCase() + " " + node.id() + ": " + node.label()
                    + "\n";
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Closes one source's repository (its connection was removed). */
    void close(String source) {
        DisplayThreadGuard.check("closing " + source);
        fields.keySet().removeIf(k -> k.startsWith(source + "#"));
        Repository r = open.remove(source);
        if (r != null) {
            try {
                r.close();
            } catch (RepositoryException ignored) {
                // closing releases nothing that matters here
            }
        }
    }

    @Override
    public void close() {
        DisplayThreadGuard.check("closing the explorer's repositories");
        for (Repository r : open.values()) {
            try {
                r.close();
            } catch (RepositoryException ignored) {
                // closing releases nothing that matters here
            }
        }
        open.clear();
    }
}
