package org.medkg.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.medkg.query.BadParameterException;
import org.medkg.query.CannedQuery;
import org.medkg.query.CannedQueryRunner;
import org.medkg.query.QueryLibrary;
import org.medkg.catalog.Suggest;

/**
 * {@code GET /api/queries}: the canned queries and their metadata as JSON.
 * {@code GET /api/queries/{name}?param=value}: runs one; SPARQL results in the format the Accept header asks
 * for (JSON, CSV, TSV or XML). A bad parameter gets 400 with the reason, an unknown query 404, a timeout 503.
 */
final class QueryApiServlet extends HttpServlet {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient DatasetGraph dataset;
    private final transient QueryLibrary library;
    private final long timeoutMillis;

    QueryApiServlet(DatasetGraph dataset, QueryLibrary library, long timeoutMillis) {
        this.dataset = dataset;
        this.library = library;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null || path.equals("/") || path.isEmpty()) {
            list(req, resp);
            return;
        }
        String name = path.substring(1);
        CannedQuery q = library.get(name);
        if (q == null) {
            error(resp, 404, "no canned query named '" + name.replaceAll("[^A-Za-z0-9._-]", "?") + "'"
                    + Suggest.didYouMean(name, library.names()));
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : req.getParameterMap().entrySet()) {
            if (e.getValue().length > 1) {
                error(resp, 400, "parameter '" + e.getKey() + "' is given more than once");
                return;
            }
            params.put(e.getKey(), e.getValue()[0]);
        }
        Lang lang = negotiate(req.getHeader("Accept"));
        try {
            CannedQueryRunner runner = new CannedQueryRunner(dataset, timeoutMillis);
            Query bound = runner.bind(q, params);
            // Results are buffered so that a timeout mid-way still gets a clean 503, not a truncated 200.
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            runner.select(q, bound, rs -> ResultSetMgr.write(buf, rs, lang));
            resp.setStatus(200);
            resp.setContentType(lang.getContentType().getContentTypeStr() + "; charset=utf-8");
            resp.setHeader("Vary", "Accept");
            try (OutputStream out = resp.getOutputStream()) {
                buf.writeTo(out);
            }
        } catch (BadParameterException e) {
            error(resp, 400, e.getMessage());
        } catch (QueryCancelledException e) {
            error(resp, 503, "query timed out after " + timeoutMillis + " ms");
        }
    }

    private void list(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ArrayNode arr = JSON.createArrayNode();
        for (CannedQuery q : library.all()) {
            ObjectNode o = arr.addObject();
            o.put("name", q.name());
            o.put("title", q.title());
            o.put("description", q.description());
            o.put("url", "/api/queries/" + q.name());
            ArrayNode ps = o.putArray("params");
            for (CannedQuery.Param p : q.params()) {
                ObjectNode po = ps.addObject();
                po.put("name", p.name());
                po.put("type", p.type().label());
                po.put("example", p.example());
                po.put("required", p.required());
                po.put("description", p.description());
            }
            ArrayNode tags = o.putArray("tags");
            q.tags().forEach(tags::add);
            o.put("sparql", q.text());
        }
        resp.setStatus(200);
        resp.setContentType("application/json; charset=utf-8");
        JSON.writerWithDefaultPrettyPrinter().writeValue(resp.getOutputStream(), arr);
    }

    /** The results format for an Accept header; JSON when nothing better matches. */
    static Lang negotiate(String accept) {
        if (accept == null) return ResultSetLang.RS_JSON;
        for (String part : List.of(accept.split(","))) {
            String type = part.split(";")[0].trim().toLowerCase();
            switch (type) {
                case "application/sparql-results+json", "application/json" -> { return ResultSetLang.RS_JSON; }
                case "text/csv" -> { return ResultSetLang.RS_CSV; }
                case "text/tab-separated-values" -> { return ResultSetLang.RS_TSV; }
                case "application/sparql-results+xml", "application/xml", "text/xml" -> { return ResultSetLang.RS_XML; }
                default -> { }
            }
        }
        return ResultSetLang.RS_JSON;
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json; charset=utf-8");
        ObjectNode o = JSON.createObjectNode();
        o.put("status", status);
        o.put("error", message);
        resp.getOutputStream().write(JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8));
    }
}
