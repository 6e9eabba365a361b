package org.omeroilastik.internal.image.io;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PhysicalSize;
import org.omeroilastik.model.PixelType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The part of OME-XML (any schema version) an OME-TIFF's page 0 carries that we use: the first
 * image's {@code Pixels} (sizes, type, dimension order, physical sizes) and its {@code TiffData}
 * map from planes to IFDs. Also writes that part for our own OME-TIFFs.
 */
final class OmeXml {
    static final String NAMESPACE = "http://www.openmicroscopy.org/Schemas/OME/2016-06";
    /** OME's default length unit (the micro sign, as the schema spells it). */
    static final String MICROMETRE = "\u00b5m";
    private static final List<String> ORDERS = List.of("XYZCT", "XYZTC", "XYCTZ", "XYCZT", "XYTCZ", "XYTZC");
    /** An OME root element near the start: {@code <OME ...>} or {@code <ome:OME ...>}. */
    private static final Pattern OME_ROOT = Pattern.compile("<([A-Za-z_][\\w.-]*:)?OME[\\s/>]");

    private OmeXml() {
    }

    /** One TiffData element: {@code planeCount} planes from (firstZ, firstC, firstT) are in IFDs from {@code ifd}. */
    record TiffData(Integer ifd, int firstZ, int firstC, int firstT, Integer planeCount) {
    }

    /** The first image's Pixels element. */
    record Pixels(String dimensionOrder, int sizeX, int sizeY, int sizeZ, int sizeC, int sizeT, PixelType type,
            Map<Axis, PhysicalSize> physicalSizes, List<TiffData> tiffData) {

        /**
         * The IFD of every plane, indexed {@code (t * sizeZ + z) * channelPages + c} where c counts
         * pages (SizeC divided by samples per page, as OME counts planes).
         */
        int[] ifds(int channelPages, int pages, Path file) throws ImageIoException {
            int planes = Math.multiplyExact(Math.multiplyExact(sizeZ, channelPages), sizeT);
            int[] byPlane = new int[planes]; // in DimensionOrder rasterisation
            if (tiffData.isEmpty()) {
                for (int p = 0; p < planes; p++) {
                    byPlane[p] = p;
                }
            } else {
                Arrays.fill(byPlane, -1);
                for (TiffData td : tiffData) {
                    if (td.firstZ() >= sizeZ || td.firstC() >= channelPages || td.firstT() >= sizeT) {
                        throw new ImageIoException(file + ": OME-XML TiffData starts at z=" + td.firstZ() + ", c=" + td.firstC() + ", t="
                                + td.firstT() + ", outside the image's " + sizeZ + " z, " + channelPages + " c, " + sizeT + " t planes");
                    }
                    int start = planeIndex(td.firstZ(), td.firstC(), td.firstT(), channelPages);
                    int ifd = td.ifd() == null ? 0 : td.ifd();
                    // The OME-TIFF specification: without PlaneCount, a TiffData without IFD covers every
                    // remaining plane, one with an IFD covers one plane.
                    int count = td.planeCount() != null ? td.planeCount() : td.ifd() == null ? planes - start : 1;
                    for (int k = 0; k < count && start + k < planes; k++) {
                        byPlane[start + k] = ifd + k;
                    }
                }
            }
            int[] out = new int[planes];
            for (int t = 0; t < sizeT; t++) {
                for (int z = 0; z < sizeZ; z++) {
                    for (int c = 0; c < channelPages; c++) {
                        int ifd = byPlane[planeIndex(z, c, t, channelPages)];
                        if (ifd < 0) {
                            throw new ImageIoException(file + ": OME-XML maps no IFD to plane z=" + z + ", c=" + c + ", t=" + t);
                        }
                        if (ifd >= pages) {
                            throw new ImageIoException(file + ": OME-XML puts plane z=" + z + ", c=" + c + ", t=" + t + " in IFD " + ifd
                                    + " but the file has " + pages + " pages");
                        }
                        out[(t * sizeZ + z) * channelPages + c] = ifd;
                    }
                }
            }
            return out;
        }

        /** The plane's position in DimensionOrder (its third letter varies fastest). */
        private int planeIndex(int z, int c, int t, int channelPages) {
            int index = 0;
            for (int i = 4; i >= 2; i--) {
                switch (dimensionOrder.charAt(i)) {
                    case 'Z' -> index = index * sizeZ + z;
                    case 'C' -> index = index * channelPages + c;
                    default -> index = index * sizeT + t;
                }
            }
            return index;
        }
    }

    /** Whether an ImageDescription is OME-XML (then it must parse; a broken one is an error, not a plain TIFF). */
    static boolean looksLikeOme(String description) {
        String s = description.strip();
        return s.startsWith("<") && OME_ROOT.matcher(s).find();
    }

    /** Parses OME-XML without resolving any external entity or DTD; errors name {@code file}. */
    static Pixels parse(String xml, Path file) throws ImageIoException {
        Element root;
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            Document doc = builder.parse(new InputSource(new StringReader(xml)));
            root = doc.getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw malformed(file, e.getMessage());
        }
        if (!"OME".equals(root.getLocalName())) {
            throw malformed(file, "root element is <" + root.getTagName() + ">, not <OME>");
        }
        String ns = root.getNamespaceURI();
        Element image = child(root, ns, "Image");
        if (image == null) {
            throw malformed(file, "no Image element");
        }
        Element pixels = child(image, ns, "Pixels");
        if (pixels == null) {
            throw malformed(file, "Image " + image.getAttribute("ID") + " has no Pixels element");
        }
        String order = pixels.getAttribute("DimensionOrder");
        if (!ORDERS.contains(order)) {
            throw malformed(file, "DimensionOrder '" + order + "' is not one of " + String.join(", ", ORDERS));
        }
        PixelType type = pixelType(pixels.getAttribute("Type"), file);
        Map<Axis, PhysicalSize> sizes = new EnumMap<>(Axis.class);
        for (Axis a : List.of(Axis.X, Axis.Y, Axis.Z)) {
            String name = "PhysicalSize" + Character.toUpperCase(a.key());
            if (pixels.hasAttribute(name)) {
                double v = number(pixels, name, file);
                String unit = pixels.hasAttribute(name + "Unit") ? pixels.getAttribute(name + "Unit") : MICROMETRE;
                if (v > 0 && !Double.isInfinite(v)) {
                    sizes.put(a, new PhysicalSize(v, unit));
                }
            }
        }
        String ownUuid = root.hasAttribute("UUID") ? root.getAttribute("UUID").strip() : null;
        List<TiffData> tiffData = new ArrayList<>();
        List<Element> references = new ArrayList<>();
        for (Node n = pixels.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element td && "TiffData".equals(td.getLocalName()) && sameNamespace(ns, td)) {
                Element uuid = child(td, ns, "UUID");
                if (uuid != null) {
                    references.add(uuid);
                }
                tiffData.add(new TiffData(td.hasAttribute("IFD") ? count(td, "IFD", file) : null, count(td, "FirstZ", file),
                        count(td, "FirstC", file), count(td, "FirstT", file), td.hasAttribute("PlaneCount") ? count(td, "PlaneCount", file) : null));
            }
        }
        requireOneFile(references, ownUuid, file);
        return new Pixels(order, size(pixels, "SizeX", file), size(pixels, "SizeY", file), size(pixels, "SizeZ", file),
                size(pixels, "SizeC", file), size(pixels, "SizeT", file), type, sizes, tiffData);
    }

    /**
     * Refuses a multi-file OME-TIFF: TiffData whose UUID is not the root's names another file. Files
     * written without a root UUID are judged by FileName; as long as one name is used throughout,
     * that is this file under the name it was written with (the repository renames what it keeps).
     */
    private static void requireOneFile(List<Element> references, String ownUuid, Path file) throws ImageIoException {
        String ownName = file.getFileName().toString();
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Element ref : references) {
            String id = ref.getTextContent().strip();
            String name = ref.getAttribute("FileName").strip();
            if (ownUuid != null && !id.isEmpty()) {
                if (!id.equals(ownUuid)) {
                    throw multiFile(file, name.isEmpty() ? "the file with UUID " + id : name);
                }
            } else if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.size() > 1) {
            throw multiFile(file, names.stream().filter(n -> !n.equals(ownName)).findFirst().orElseThrow());
        }
    }

    private static ImageIoException multiFile(Path file, String other) {
        return new ImageIoException(file + ": multi-file OME-TIFF: planes are in " + other + ", not in this file; only single-file "
                + "OME-TIFFs are read (save it as one file, e.g. with Fiji/Bio-Formats)");
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        // The JDK's own parser (a bundle's parser may not know these features); no DOCTYPE, no
        // external entities or DTDs, no XInclude: an ImageDescription cannot make us read other files.
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    private static ImageIoException malformed(Path file, String why) {
        return new ImageIoException(file + ": malformed OME-XML in the TIFF ImageDescription: " + why);
    }

    private static boolean sameNamespace(String ns, Node n) {
        return ns == null ? n.getNamespaceURI() == null : ns.equals(n.getNamespaceURI());
    }

    private static Element child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && sameNamespace(ns, e)) {
                return e;
            }
        }
        return null;
    }

    private static int size(Element e, String name, Path file) throws ImageIoException {
        if (!e.hasAttribute(name)) {
            throw malformed(file, "Pixels has no " + name);
        }
        int v = count(e, name, file);
        if (v < 1) {
            throw malformed(file, "Pixels " + name + "=" + v + " (must be at least 1)");
        }
        return v;
    }

    /** A non-negative integer attribute, 0 when absent. */
    private static int count(Element e, String name, Path file) throws ImageIoException {
        if (!e.hasAttribute(name)) {
            return 0;
        }
        try {
            int v = Integer.parseInt(e.getAttribute(name).strip());
            if (v < 0) {
                throw malformed(file, e.getLocalName() + " " + name + "=" + v + " is negative");
            }
            return v;
        } catch (NumberFormatException x) {
            throw malformed(file, e.getLocalName() + " " + name + "=\"" + e.getAttribute(name) + "\" is not an integer");
        }
    }

    private static double number(Element e, String name, Path file) throws ImageIoException {
        try {
            return Double.parseDouble(e.getAttribute(name).strip());
        } catch (NumberFormatException x) {
            throw malformed(file, e.getLocalName() + " " + name + "=\"" + e.getAttribute(name) + "\" is not a number");
        }
    }

    private static PixelType pixelType(String type, Path file) throws ImageIoException {
        return switch (type) {
            case "int8" -> PixelType.INT8;
            case "uint8" -> PixelType.UINT8;
            case "int16" -> PixelType.INT16;
            case "uint16" -> PixelType.UINT16;
            case "int32" -> PixelType.INT32;
            case "uint32" -> PixelType.UINT32;
            case "float" -> PixelType.FLOAT32;
            case "double" -> PixelType.FLOAT64;
            case "" -> throw malformed(file, "Pixels has no Type");
            default -> throw new ImageIoException(file + ": OME-TIFF pixel type '" + type + "' is not supported "
                    + "(int8, uint8, int16, uint16, int32, uint32, float, double are)");
        };
    }

    private static String typeName(PixelType type) {
        return switch (type) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            default -> type.numpyName();
        };
    }

    /**
     * OME-XML for an image written as pages in XYCZT order (channel fastest, then z, then t): one
     * TiffData covering every plane of {@code fileName}, whose root {@code uuid} it repeats so
     * Bio-Formats finds the planes in this file even after a rename.
     */
    static String write(ImageDescriptor d, String name, String fileName, String uuid) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<OME xmlns=\"").append(NAMESPACE).append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
                .append("xsi:schemaLocation=\"").append(NAMESPACE).append(' ').append(NAMESPACE).append("/ome.xsd\" ")
                .append("UUID=\"").append(escape(uuid)).append("\" Creator=\"omero-ilastik\">\n");
        sb.append("  <Image ID=\"Image:0\" Name=\"").append(escape(name)).append("\">\n");
        long c = d.channels();
        long z = d.size(Axis.Z);
        long t = d.size(Axis.T);
        sb.append("    <Pixels ID=\"Pixels:0\" DimensionOrder=\"XYCZT\" Type=\"").append(typeName(d.pixelType())).append('"')
                .append(" SizeX=\"").append(d.size(Axis.X)).append("\" SizeY=\"").append(d.size(Axis.Y)).append("\" SizeZ=\"").append(z)
                .append("\" SizeC=\"").append(c).append("\" SizeT=\"").append(t).append('"');
        for (Axis a : List.of(Axis.X, Axis.Y, Axis.Z)) {
            PhysicalSize s = d.physicalSizes().get(a);
            if (s != null) {
                String attr = "PhysicalSize" + Character.toUpperCase(a.key());
                sb.append(' ').append(attr).append("=\"").append(s.value()).append('"');
                String unit = lengthUnit(s.unit());
                if (!unit.isEmpty()) {
                    sb.append(' ').append(attr).append("Unit=\"").append(escape(unit)).append('"');
                }
            }
        }
        sb.append(">\n");
        for (long ch = 0; ch < c; ch++) {
            sb.append("      <Channel ID=\"Channel:0:").append(ch).append("\" SamplesPerPixel=\"1\"/>\n");
        }
        sb.append("      <TiffData IFD=\"0\" PlaneCount=\"").append(c * z * t).append("\">\n");
        sb.append("        <UUID FileName=\"").append(escape(fileName)).append("\">").append(escape(uuid)).append("</UUID>\n");
        sb.append("      </TiffData>\n");
        sb.append("    </Pixels>\n  </Image>\n</OME>\n");
        return sb.toString();
    }

    /** OME's symbol for a length unit; "" (unknown, as in ilastik's axistags) leaves OME's default, µm. */
    private static String lengthUnit(String unit) {
        return switch (unit.strip().toLowerCase(Locale.ROOT)) {
            case "um", "micron", "microns", "micrometer", "micrometre", "\u03bcm" -> MICROMETRE;
            default -> unit.strip();
        };
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append("&#9;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
