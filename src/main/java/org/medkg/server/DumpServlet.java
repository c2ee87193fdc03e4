package org.medkg.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.sparql.core.DatasetGraph;
import org.medkg.render.ExportFormat;
import org.medkg.render.Exporter;

/**
 * {@code /dump.ttl}, {@code /dump.nt}, {@code /dump.jsonld}, {@code /dump.rdf}: the whole graph (catalog and
 * ontology). The store does not change while the server runs, so each dump carries an ETag (the build's input
 * fingerprint) and Last-Modified (the build time), and conditional requests get 304.
 */
final class DumpServlet extends HttpServlet {
    private final transient DatasetGraph dataset;
    private final ExportFormat format;
    private final transient MedkgServer.Version version;

    /** {@code version} gives the fingerprint and time of the build being served (it changes when the server switches). */
    DumpServlet(DatasetGraph dataset, ExportFormat format, MedkgServer.Version version) {
        this.dataset = dataset;
        this.format = format;
        this.version = version;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String fingerprint = version.fingerprint();
        String etag = "\"" + fingerprint.substring(0, Math.min(16, fingerprint.length())) + "-" + format.extension() + "\"";
        Instant modified = version.built().truncatedTo(ChronoUnit.SECONDS);
        resp.setHeader("ETag", etag);
        resp.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC)));
        resp.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
        if (notModified(req, etag, modified)) {
            resp.setStatus(304);
            return;
        }
        resp.setStatus(200);
        resp.setContentType(format.mediaType() + "; charset=utf-8");
        resp.setHeader("Content-Disposition", "inline; filename=\"medkg." + format.extension() + "\"");
        try (OutputStream out = new BufferedOutputStream(resp.getOutputStream(), 1 << 16)) {
            Exporter.export(dataset, format, true, out);
        }
    }

    private static boolean notModified(HttpServletRequest req, String etag, Instant modified) {
        String inm = req.getHeader("If-None-Match");
        if (inm != null) return inm.contains(etag) || inm.trim().equals("*");
        String ims = req.getHeader("If-Modified-Since");
        if (ims != null) {
            try {
                Instant since = DateTimeFormatter.RFC_1123_DATE_TIME.parse(ims, Instant::from);
                return !modified.isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }
}
