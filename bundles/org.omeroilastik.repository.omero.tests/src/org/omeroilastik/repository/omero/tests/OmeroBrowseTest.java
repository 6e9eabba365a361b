package org.omeroilastik.repository.omero.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.repository.Channel;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.repository.Well;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.ResultWriter;
import org.omeroilastik.repository.omero.OmeroCredentials;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.omero.OmeroWebDouble;
import org.omeroilastik.testing.omero.TestCertificates;
import org.osgi.framework.ServiceRegistration;

/** The OMERO backend browsing an OMERO.web double that enforces the real protocol. */
class OmeroBrowseTest {
    private static final int IMAGES = 1203;

    @TempDir
    Path dir;

    private OmeroWebDouble web;
    private ServiceRegistration<OmeroCredentials> credentials;
    private long labA;
    private long labB;
    private long bigDataset;

    /** Credentials for the double only, ranked above the environment's. */
    private void login(String user, String password, String group) {
        credentials = DoubleLogins.register(web, user, password, group);
    }

    private void start(SSLContext tls) throws Exception {
        web = new OmeroWebDouble(tls);
        labA = web.group("Lab A");
        labB = web.group("Lab B");
        web.user("ann", "s3cret-ann", labA, labB);
        web.user("bob", "s3cret-bob", labB);
        long project = web.project(labA, "Mitosis");
        bigDataset = web.dataset(labA, "Screen run 1", project);
        for (int i = 0; i < IMAGES; i++) {
            web.image(labA, String.format("cells_%04d", i), bigDataset, 64, 48, 5, 2, 1, "uint16", 0.325);
        }
        long small = web.dataset(labA, "Controls", project);
        long stack = web.image(labA, "timelapse", small, 32, 32, 1, 1, 7, "float", null);
        web.roi(stack, "1,1 10,1 10,8 1,8", 0, 3);
        web.dataset(labA, "Loose dataset", null);
        web.image(labA, "loose image", null, 16, 16, 1, 3, 1, "uint8", null);
        long otherLab = web.project(labB, "Other lab's project");
        web.dataset(labB, "B data", otherLab);
        long screen = web.screen(labA, "Drug screen");
        long plate = web.plate(labA, "Plate 1", screen, 8, 12);
        long f1 = web.image(labA, "A01 field 1", null, 20, 20, 1, 1, 1, "uint8", null);
        long f2 = web.image(labA, "A01 field 2", null, 20, 20, 1, 1, 1, "uint8", null);
        web.well(plate, 0, 0, f1, f2);
    }

    private Repository open() throws RepositoryException {
        return Services.get(Repositories.class).open("omero:" + web.uri(), false);
    }

    @AfterEach
    void stop() {
        if (credentials != null) {
            credentials.unregister();
        }
        if (web != null) {
            web.close();
        }
        System.clearProperty("omero.ilastik.trustCert");
    }

    @Test
    void browsesTheHierarchyPageByPage() throws Exception {
        start(null);
        login("ann", "s3cret-ann", null);
        try (Repository repo = open()) {
            var projects = repo.browse().projects();
            assertEquals(List.of("Mitosis", "Other lab's project"), projects.stream().map(p -> p.name()).toList());
            var datasets = repo.browse().datasets(projects.get(0).id());
            assertEquals(List.of("Screen run 1", "Controls"), datasets.stream().map(d -> d.name()).toList());
            int before = web.requests();
            List<Image> images = repo.browse().images(bigDataset);
            assertEquals(3, web.requests() - before, "1203 images in pages of at most 500");
            assertEquals(IMAGES, images.size());
            assertEquals("cells_1202", images.get(IMAGES - 1).name());
            Image first = images.get(0);
            assertEquals("zyxc[5, 48, 64, 2] uint16", first.pixels().toString().replaceAll(" \\{.*", ""));
            assertEquals(0.325, first.pixels().physicalSize(Axis.X).orElseThrow().value());
            assertEquals("\u00b5m", first.pixels().physicalSize(Axis.X).orElseThrow().unit());
            Image timelapse = repo.browse().images(datasets.get(1).id()).get(0);
            assertEquals("tyx[7, 32, 32] float32", timelapse.pixels().toString().replaceAll(" \\{.*", ""));
            List<Roi> rois = repo.browse().rois(timelapse.id());
            assertEquals(1, rois.size());
            assertEquals(3, rois.get(0).shapes().get(0).t());
            assertEquals(List.of("Loose dataset"), repo.browse().orphanedDatasets().stream().map(d -> d.name()).toList());
            assertEquals(List.of("loose image"), repo.browse().orphanedImages().stream().map(Image::name).toList(),
                    "well fields are not orphans");
            var plates = repo.browse().plates(repo.browse().screens().get(0).id());
            assertEquals(8, plates.get(0).rows());
            List<Well> wells = repo.browse().wells(plates.get(0).id());
            assertEquals("A01", wells.get(0).name());
            assertEquals(2, wells.get(0).fieldImageIds().size());
            RepositoryException e = assertThrows(RepositoryException.class,
                    () -> repo.dataManager().createDataset("new", "", Optional.empty()));
            assertTrue(e.getMessage().endsWith("creating projects, datasets and images through OMERO.web is not built yet"), e.getMessage());
        }
        assertEquals(1, web.logins());
    }

    @Test
    void readsAnImagesTablesFromItsAttachedCsvFiles() throws Exception {
        start(null);
        login("ann", "s3cret-ann", null);
        try (Repository repo = open()) {
            Image loose = repo.browse().orphanedImages().get(0);
            assertEquals(List.of(), repo.browse().tables(loose.id()), "no table before a job wrote one");
            Table written = new Table(List.of("roi", "label", "t", "z", "area_px", "note"),
                    List.of(List.of(1, "cells", 0, 0, 12.5, "first, \"big\""), List.of(2, "cells", 0, 0, 3.0, "")));
            repo.results().putTable(ResultWriter.Owner.IMAGE, loose.id(), "demo.ilp/table", written);
            repo.results().putAttachment(ResultWriter.Owner.IMAGE, loose.id(), "demo.ilp/project",
                    org.omeroilastik.testing.Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"));
            List<Table> tables = repo.browse().tables(loose.id());
            assertEquals(1, tables.size(), "the CSV attachment only, not the project file");
            assertEquals(written.columns(), tables.get(0).columns());
            assertEquals(List.of(List.of(1L, "cells", 0L, 0L, 12.5, "first, \"big\""), List.of(2L, "cells", 0L, 0L, 3.0, "")),
                    tables.get(0).rows());
        }
    }

    @Test
    void seesOnlyItsGroupsAndTheChosenOne() throws Exception {
        start(null);
        login("bob", "s3cret-bob", null);
        try (Repository repo = open()) {
            assertEquals(List.of("Other lab's project"), repo.browse().projects().stream().map(p -> p.name()).toList());
            RepositoryException e = assertThrows(RepositoryException.class, () -> repo.browse().dataset(bigDataset));
            assertTrue(e.getMessage().endsWith("GET /api/v0/m/datasets/" + bigDataset + "/: Dataset " + bigDataset + " not found (HTTP 404)"),
                    e.getMessage());
        }
        credentials.unregister();
        login("ann", "s3cret-ann", "Lab B");
        try (Repository repo = open()) {
            assertEquals(List.of("Other lab's project"), repo.browse().projects().stream().map(p -> p.name()).toList(), "OMERO_GROUP by name");
        }
    }

    @Test
    void survivesDroppedConnectionsAndAnExpiredSession() throws Exception {
        start(null);
        login("ann", "s3cret-ann", null);
        try (Repository repo = open()) {
            web.dropConnections(0.10);
            web.expireSessionsAfter(2);
            List<Image> images = repo.browse().images(bigDataset);
            assertEquals(IMAGES, images.size());
            for (int i = 0; i < 20; i++) {
                assertEquals(2, repo.browse().datasets(repo.browse().projects().get(0).id()).size());
            }
        }
        assertEquals(2, web.logins(), "logged in again once after the session expired");
    }

    /** The keep-alive ping notices an expired session ("Connection Failed") and logs in again, unasked. */
    @Test
    void keepAliveReplacesAnExpiredSession() throws Exception {
        start(null);
        login("ann", "s3cret-ann", null);
        System.setProperty("omero.ilastik.keepAliveSeconds", "1");
        try (Repository repo = open()) {
            assertEquals(1, web.logins());
            web.expireSessionsAfter(1);
            long end = System.currentTimeMillis() + 10_000;
            while (web.logins() < 2 && System.currentTimeMillis() < end) {
                Thread.sleep(100);
            }
            assertEquals(2, web.logins(), "the ping found the session gone and logged in again");
            int before = web.logins();
            assertEquals(2, repo.browse().projects().size());
            assertEquals(before, web.logins(), "browsing needed no further login");
        } finally {
            System.clearProperty("omero.ilastik.keepAliveSeconds");
        }
    }

    @Test
    void readsChannelsFromTheRenderingSettings() throws Exception {
        start(null);
        login("ann", "s3cret-ann", null);
        long image = web.image(labA, "three channels", null, 16, 8, 1, 3, 1, "uint16", null);
        web.pixels(image, new byte[16 * 8 * 3 * 2]);
        web.channel(image, 0, "DAPI", "0000FF", 461.0);
        web.channel(image, 2, "GFP", "00ff00", null);
        try (Repository repo = open()) {
            List<Channel> channels = repo.browse().channels(image);
            assertEquals(List.of("DAPI", "1", "GFP"), channels.stream().map(Channel::label).toList(),
                    "a channel without name or wavelength is labelled by its index, as OMERO does");
            assertEquals(0x0000FF, channels.get(0).rgb());
            assertEquals("00FF00", channels.get(2).colour());
            assertEquals(461.0, channels.get(0).emissionWavelength().orElseThrow());
            assertTrue(channels.get(1).emissionWavelength().isEmpty());
            assertEquals(0, channels.get(1).windowStart());
            assertEquals(65535, channels.get(1).windowEnd());
            assertEquals(List.of("/webgateway/imgData/" + image + "/"), web.requestLog("/webgateway/imgData/"));
            web.serveBrokenJsonFor(p -> p.startsWith("/webgateway/imgData/"));
            RepositoryException e = assertThrows(RepositoryException.class, () -> repo.browse().channels(image));
            assertTrue(e.getMessage().contains("GET /webgateway/imgData/" + image + "/: malformed JSON (HTTP 200)"), e.getMessage());
            web.serveBrokenJsonFor(p -> false);
            e = assertThrows(RepositoryException.class, () -> repo.browse().channels(image + 1000));
            assertTrue(e.getMessage().contains("GET /webgateway/imgData/" + (image + 1000) + "/"), e.getMessage());
            assertTrue(e.getMessage().contains("404"), e.getMessage());
        }
    }

    @Test
    void badAnswersAndBadLoginsGiveClearErrors() throws Exception {
        start(null);
        login("ann", "wrong password", null);
        RepositoryException e = assertThrows(RepositoryException.class, this::open);
        assertEquals("omero:" + web.uri() + ": login failed: Connection not available, please check your user name and password. (HTTP 403)",
                e.getMessage());
        assertTrue(!e.getMessage().contains("wrong password"));
        credentials.unregister();
        login("ann", "s3cret-ann", null);
        try (Repository repo = open()) {
            web.serveHtmlFor(p -> p.endsWith("/projects/"));
            e = assertThrows(RepositoryException.class, () -> repo.browse().projects());
            assertTrue(e.getMessage().contains("GET /api/v0/m/projects/: expected JSON, got text/html; charset=utf-8 (HTTP 500)"), e.getMessage());
            web.serveHtmlFor(p -> false);
            web.serveBrokenJsonFor(p -> p.endsWith("/images/"));
            e = assertThrows(RepositoryException.class, () -> repo.browse().images(bigDataset));
            assertTrue(e.getMessage().contains("GET /api/v0/m/datasets/" + bigDataset + "/images/: malformed JSON (HTTP 200)"), e.getMessage());
        }
        RepositoryException refused = assertThrows(RepositoryException.class,
                () -> Services.get(Repositories.class).open("omero:ftp://example.org", false));
        assertTrue(refused.getMessage().contains("not a URL"), refused.getMessage());
        refused = assertThrows(RepositoryException.class,
                () -> Services.get(Repositories.class).open("omero:https://ann:s3cret@example.org/", false));
        assertEquals("omero:https://example.org: credentials do not belong in the URL; set OMERO_USER and OMERO_PASSWORD",
                refused.getMessage());
        // Plain HTTP only where a test allows it (the build allows it for the doubles).
        System.clearProperty("omero.ilastik.allowPlainHttp");
        try {
            refused = assertThrows(RepositoryException.class, this::open);
            assertTrue(refused.getMessage().contains("plain HTTP would send the password"), refused.getMessage());
        } finally {
            System.setProperty("omero.ilastik.allowPlainHttp", "true");
        }
    }

    @Test
    void httpsVerifiesTheServerAndTrustsAGivenCertificate() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        start(certs.serverContext());
        login("ann", "s3cret-ann", null);
        RepositoryException e = assertThrows(RepositoryException.class, this::open);
        assertTrue(e.getMessage().contains("TLS failed") && e.getMessage().contains("--trust-cert"), e.getMessage());
        System.setProperty("omero.ilastik.trustCert", certs.certificate().toString());
        try (Repository repo = open()) {
            // Logging in over HTTPS passed Django's Referer check; browsing works as over HTTP.
            assertEquals(2, repo.browse().projects().size());
        }
        assertTrue(Files.readString(certs.certificate()).startsWith("-----BEGIN CERTIFICATE-----"));
    }
}
