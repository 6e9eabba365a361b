package org.omeroilastik.internal.hdf5;

import java.io.File;

import org.bytedeco.javacpp.Loader;
import org.omeroilastik.hdf5.Hdf5Exception;

import hdf.hdf5lib.H5;

/**
 * Loads the HDF Group's library as JavaCPP ships it. JavaCPP extracts libhdf5 and its own JNI
 * bridge; the HDF Group's Java API (hdf.hdf5lib.H5) then loads libhdf5_java from the path we give
 * it, so that its native methods bind in H5's own class loader and share the one libhdf5 instance.
 */
public final class NativeHdf5 {
    private static final String H5_LIBRARY_PROPERTY = "hdf.hdf5lib.H5.hdf5lib";
    private static boolean loaded;

    private NativeHdf5() {
    }

    /** Loads the library once; returns the failure instead of throwing, for use in static initialisers. */
    public static Hdf5Exception tryLoad() {
        try {
            ensureLoaded();
            return null;
        } catch (Hdf5Exception e) {
            return e;
        }
    }

    public static synchronized void ensureLoaded() throws Hdf5Exception {
        if (loaded) {
            return;
        }
        try {
            Loader.load(org.bytedeco.hdf5.global.hdf5.class);
            File javaApi = Loader.cacheResource(org.bytedeco.hdf5.global.hdf5.class,
                    "/org/bytedeco/hdf5/" + Loader.getPlatform() + "/libhdf5_java.so");
            if (javaApi == null) {
                throw new Hdf5Exception("the HDF5 Java API library for " + Loader.getPlatform() + " is not installed");
            }
            System.setProperty(H5_LIBRARY_PROPERTY, javaApi.getAbsolutePath());
            // HDF5 prints its error stack to stderr by default; we report errors ourselves.
            H5.H5error_off();
            loaded = true;
        } catch (Hdf5Exception e) {
            throw e;
        } catch (Exception | LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new Hdf5Exception("cannot load the HDF5 native library: " + root, e);
        }
    }

    private static boolean cleanupSkipped;

    /**
     * Called once a file could not be closed (a full disk): HDF5 keeps it open, and the exit handler
     * of its C++ library (H5::H5Library::termH5cpp → H5close) then recurses without end in its error
     * reporting (H5FL_fac_term finds a free list in use after the error classes are gone) and the
     * process dies with SIGSEGV after our work is done. At JVM shutdown, under {@code lock} (so no
     * HDF5 call is under way), mark the library as not initialised so that handler does nothing; the
     * failed file is an incomplete output that is deleted anyway.
     */
    public static synchronized void skipLibraryCleanupAtExit(Object lock) {
        if (cleanupSkipped) {
            return;
        }
        cleanupSkipped = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (lock) {
                // H5_libterm_g set too, or the C++ library's other exit handler re-initialises HDF5 first.
                org.bytedeco.javacpp.Pointer init = org.bytedeco.javacpp.Loader.addressof("H5_libinit_g");
                org.bytedeco.javacpp.Pointer term = org.bytedeco.javacpp.Loader.addressof("H5_libterm_g");
                if (init != null && !init.isNull() && term != null && !term.isNull()) {
                    new org.bytedeco.javacpp.BytePointer(term).put(0L, (byte) 1);
                    new org.bytedeco.javacpp.BytePointer(init).put(0L, (byte) 0);
                }
            }
        }, "hdf5-skip-exit-cleanup"));
    }
}
