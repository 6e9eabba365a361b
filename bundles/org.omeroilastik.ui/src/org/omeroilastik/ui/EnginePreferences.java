package org.omeroilastik.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.jobs.JobSettings;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.WriteBack;

/**
 * The workbench's engine preferences (instance scope): which engine runs jobs, where ilastik is
 * installed, engine threads and memory per image, images at once; and what new jobs write back by default
 * (write-back items and export sources, smallest object). The preference pages edit them; jobs started from
 * the workbench read them.
 */
public final class EnginePreferences {
    static final String NODE = "org.omeroilastik.ui";
    static final String ENGINE = "engine";
    static final String ILASTIK_HOME = "ilastikHome";
    static final String THREADS = "threads";
    static final String PARALLEL = "parallel";
    static final String MEMORY = "memoryMiB";
    static final String WRITE_BACK = "writeBack";
    static final String MIN_SIZE = "minSize";
    /** The smallest object (pixels) that becomes a ROI when nothing is set; the command line's default too. */
    static final long DEFAULT_MIN_SIZE = 50;

    private EnginePreferences() {
    }

    private static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    public static JobSpec.Engine engine() {
        return JobSpec.Engine.parse(node().get(ENGINE, "embedded"));
    }

    public static Optional<Path> ilastikHome() {
        String home = node().get(ILASTIK_HOME, "");
        return home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
    }

    /** Engine threads per image (0: every core). */
    public static int threads() {
        return Math.max(0, node().getInt(THREADS, 0));
    }

    /** Images at once (at least 1). */
    public static int parallel() {
        return Math.max(1, node().getInt(PARALLEL, 1));
    }

    /**
     * Job settings from the preferences: engine threads (0: all cores), the engine's memory budget per
     * image in MiB (0: 256 MiB per thread; lazyflow's LAZYFLOW_TOTAL_RAM_MB for an installed ilastik)
     * and images at once.
     */
    public static JobSettings settings() {
        int threads = node().getInt(THREADS, 0);
        RunOptions options = threads > 0 ? RunOptions.defaults().withThreads(threads) : RunOptions.defaults();
        return withMemory(JobSettings.defaults().withEngineOptions(options).withConcurrentTasks(Math.max(1, node().getInt(PARALLEL, 1))));
    }

    /** {@code settings} with the preferred engine memory (a machine's setting, never stored in job files), if one is set. */
    public static JobSettings withMemory(JobSettings settings) {
        long memory = node().getLong(MEMORY, 0);
        return memory > 0 ? settings.withEngineOptions(settings.engineOptions().withMemoryBudget(memory << 20)) : settings;
    }

    /**
     * What new jobs write back (write-back items and the export sources written as derived images); the
     * default is {@link WriteBack#all()}. Stored as the command line's {@code --write-back} list.
     */
    public static Set<WriteBack> writeBack() {
        String list = node().get(WRITE_BACK, null);
        if (list == null) {
            return WriteBack.all();
        }
        try {
            return WriteBack.parse(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Preferences > ilastik engine > Default exports: " + e.getMessage(), e);
        }
    }

    /** The smallest object, in pixels, that new jobs turn into a ROI. */
    public static long minSize() {
        return Math.max(0, node().getLong(MIN_SIZE, DEFAULT_MIN_SIZE));
    }

    /** "rois,probabilities,…": the form {@link WriteBack#parse} reads. */
    static String format(Set<WriteBack> writeBack) {
        return writeBack.stream().sorted().map(w -> w.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}
