package org.medkg.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.sparql.core.DatasetGraph;
import org.medkg.render.ExportFormat;
import org.medkg.render.Exporter;

/**
 * {@code /dump.ttl}, {@code /dump.nt}, {@code /dump.jsonld}, {@code /dump.rdf}: the catalog and the ontology (one
 * graph); {@code /dump.nq} and {@code /dump.trig}: the whole dataset, every named graph included. ETag,
 * Last-Modified and 304 come from {@link ConditionalFilter}, gzip from the server.
 */
final class DumpServlet extends HttpServlet {
    private final transient DatasetGraph dataset;
    private final ExportFormat format;

    DumpServlet(DatasetGraph dataset, ExportFormat format) {
        this.dataset = dataset;
        this.format = format;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType(format.mediaType() + "; charset=utf-8");
        resp.setHeader("Content-Disposition", "inline; filename=\"medkg." + format.extension() + "\"");
        try (OutputStream out = new BufferedOutputStream(resp.getOutputStream(), 1 << 16)) {
            Exporter.export(dataset, format, true, out);
        }
    }
}
