package org.medkg.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
import org.medkg.query.Page;
import org.medkg.query.Paging;
import org.medkg.query.QueryLibrary;
import org.medkg.catalog.Suggest;

/**
 * {@code GET /api/queries}: the canned queries and their metadata as JSON.
 * {@code GET /api/queries/{name}?param=value}: runs one; SPARQL results in the format {@code format=} or the Accept
 * header asks for (JSON, CSV, TSV or XML). {@code limit=} and {@code offset=} return one page with the total and a
 * link to the next; without a limit the whole answer (from {@code offset}) streams. A bad parameter gets 400 with the
 * reason, an unknown query 404, a timeout 503.
 */
final class QueryApiServlet extends HttpServlet {
    static final String TOTAL_COUNT = Paging.TOTAL_COUNT_HEADER;
    static final String LIMIT = "limit";
    static final String OFFSET = "offset";
    /** A full answer is held up to this size, to be sent whole with a clean status, and streamed beyond it. */
    static final int STREAM_AFTER = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient DatasetGraph dataset;
    private final transient QueryLibrary library;
    private final long timeoutMillis;

    /** Says which engine answered: {@code lineage-index} or {@code score-index} (see {@link IndexedAnswers}), or {@code sparql}. */
    static final String ANSWERED_BY = "Medkg-Answered-By";
    private final transient IndexedAnswers indexed;

    QueryApiServlet(DatasetGraph dataset, QueryLibrary library, long timeoutMillis, IndexedAnswers indexed) {
        this.dataset = dataset;
        this.library = library;
        this.timeoutMillis = timeoutMillis;
        this.indexed = indexed;
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
            if (ResultsNegotiation.PARAMETERS.contains(e.getKey())) continue;   // may repeat, if they agree
            if (e.getValue().length > 1) {
                error(resp, 400, "parameter '" + e.getKey() + "' is given more than once");
                return;
            }
            params.put(e.getKey(), e.getValue()[0]);
        }
        StreamedResponse body = null;
        try {
            Lang byParameter = ResultsNegotiation.byParameters(req.getParameterMap());
            Lang lang = byParameter != null ? byParameter : ResultsNegotiation.byAccept(req.getHeader("Accept"));
            Paging paging = Paging.parse(params.remove(LIMIT), params.remove(OFFSET), LIMIT, OFFSET);
            IndexedAnswers.Answer answer = indexed == null ? null : indexed.answer(q, params);
            if (answer != null) {
                org.medkg.query.IndexedRows rows = answer.rows();
                resp.setHeader(ANSWERED_BY, answer.engine());
                if (paging.limited()) {
                    // The page's rows only: an index produces them from the offset on, without the rest.
                    java.util.List<org.apache.jena.sparql.engine.binding.Binding> page = new java.util.ArrayList<>();
                    var it = rows.from(paging.offset());
                    while (page.size() < paging.limit() && it.hasNext()) page.add(it.next());
                    write(req, resp, new Page(answer.vars(), page, paging.offset(), paging.limit(), rows.size()), lang);
                    return;
                }
                StreamedResponse out = body = new StreamedResponse(resp, STREAM_AFTER, () -> {
                    resp.setStatus(200);
                    resp.setContentType(lang.getContentType().getContentTypeStr() + "; charset=utf-8");
                    resp.setHeader("Vary", "Accept");
                });
                if (lang.equals(ResultSetLang.RS_JSON)) SparqlJsonWriter.write(out, answer.vars(), rows.from(paging.offset()));
                else ResultSetMgr.write(out, org.apache.jena.query.ResultSet.adapt(org.apache.jena.sparql.exec.RowSetStream.create(
                        answer.vars(), rows.from(paging.offset()))), lang);
                out.finish();
                return;
            }
            resp.setHeader(ANSWERED_BY, "sparql");
            CannedQueryRunner runner = new CannedQueryRunner(dataset, timeoutMillis);
            Query bound = runner.bind(q, params);
            if (paging.limited()) {
                page(req, resp, runner, q, bound, paging, lang);
                return;
            }
            StreamedResponse out = body = new StreamedResponse(resp, STREAM_AFTER, () -> {
                resp.setStatus(200);
                resp.setContentType(lang.getContentType().getContentTypeStr() + "; charset=utf-8");
                resp.setHeader("Vary", "Accept");
            });
            runner.select(q, bound, paging.offset(), rs -> ResultSetMgr.write(out, rs, lang));
            out.finish();
        } catch (BadParameterException e) {
            error(resp, 400, e.getMessage());
        } catch (QueryCancelledException e) {
            if (body != null && body.committed()) throw e;      // cuts the connection: the client sees a broken transfer
            error(resp, 503, "query timed out after " + timeoutMillis + " ms");
        }
    }

    /**
     * One page, held whole so that its status is decided when it is complete: the rows, the total in
     * {@value #TOTAL_COUNT} (and in a {@code paging} member of a JSON result), and the next page as a {@code Link}.
     */
    private void page(HttpServletRequest req, HttpServletResponse resp, CannedQueryRunner runner, CannedQuery q,
                      Query bound, Paging paging, Lang lang) throws IOException {
        // Written inside the read transaction: the store's rows resolve their terms lazily.
        runner.page(q, bound, paging, p -> {
            try {
                write(req, resp, p, lang);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Writes one page: the rows, the total, and the link to the next page. */
    private void write(HttpServletRequest req, HttpServletResponse resp, Page p, Lang lang) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ResultSetMgr.write(buf, p.resultSet(), lang);
        String next = p.nextOffset() < 0 ? null : pageUrl(req, p.limit(), p.nextOffset());
        byte[] bytes = lang.equals(ResultSetLang.RS_JSON) ? withPaging(buf, p, next) : buf.toByteArray();
        resp.setStatus(200);
        resp.setContentType(lang.getContentType().getContentTypeStr() + "; charset=utf-8");
        resp.setHeader("Vary", "Accept");
        resp.setHeader(TOTAL_COUNT, Long.toString(p.total()));
        if (next != null) resp.setHeader("Link", "<" + next + ">; rel=\"next\"");
        resp.setContentLength(bytes.length);
        try (OutputStream out = resp.getOutputStream()) {
            out.write(bytes);
        }
    }

    /**
     * A SPARQL JSON result with a {@code paging} member after {@code results}: {@code offset}, {@code limit},
     * {@code total} and {@code next} (null on the last page). Readers of SPARQL JSON results skip members they do not
     * know (Jena's and rdflib's do; a test reads it with both).
     */
    static byte[] withPaging(ByteArrayOutputStream json, Page p, String next) {
        String doc = json.toString(StandardCharsets.UTF_8);
        int end = doc.lastIndexOf('}');
        ObjectNode paging = JSON.createObjectNode();
        paging.put("offset", p.offset());
        paging.put("limit", p.limit());
        paging.put("total", p.total());
        paging.put("next", next);
        return (doc.substring(0, end).stripTrailing() + " ,\n  \"paging\": " + paging + "\n}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** This request's URL (path and query) with another limit and offset, as the client wrote its other parameters. */
    static String pageUrl(HttpServletRequest req, int limit, long offset) {
        StringBuilder url = new StringBuilder(req.getRequestURI());
        char sep = '?';
        String qs = req.getQueryString();
        if (qs != null) {
            for (String pair : qs.split("&")) {
                String key = pair.split("=", 2)[0];
                if (pair.isEmpty() || key.equals(LIMIT) || key.equals(OFFSET)) continue;
                url.append(sep).append(pair);
                sep = '&';
            }
        }
        return url.append(sep).append(LIMIT).append('=').append(limit).append('&').append(OFFSET).append('=').append(offset)
                .toString();
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

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json; charset=utf-8");
        ObjectNode o = JSON.createObjectNode();
        o.put("status", status);
        o.put("error", message);
        resp.getOutputStream().write(JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8));
    }
}
