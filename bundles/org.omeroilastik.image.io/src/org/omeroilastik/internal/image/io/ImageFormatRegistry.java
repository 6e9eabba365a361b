package org.omeroilastik.internal.image.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Collects every {@link ImageFormat} service, including formats third-party bundles register. */
@Component(service = ImageFormats.class)
public final class ImageFormatRegistry implements ImageFormats {
    private final List<ImageFormat> formats = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFormat(ImageFormat format) {
        formats.add(format);
    }

    void removeFormat(ImageFormat format) {
        formats.remove(format);
    }

    @Override
    public List<ImageFormat> all() {
        return List.copyOf(formats);
    }

    @Override
    public Optional<ImageFormat> byId(String id) {
        return formats.stream().filter(f -> f.id().equalsIgnoreCase(id)).findFirst();
    }

    @Override
    public Optional<ImageFormat> forFile(Path file) {
        return formats.stream().filter(f -> f.claims(file)).findFirst();
    }
}
