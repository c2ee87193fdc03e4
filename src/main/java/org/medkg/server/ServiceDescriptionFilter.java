package org.medkg.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.medkg.query.QueryShape;

/**
 * The SPARQL endpoint's own protocol gaps: {@code GET /medkg/sparql} with no query answers with a SPARQL 1.1
 * Service Description (Turtle; its IRIs are relative to the endpoint, or absolute under {@code --public-url}, so
 * nothing is built from the Host header),
 * and HEAD is answered as GET without a body instead of 405.
 */
public final class ServiceDescriptionFilter implements Filter {
    private final PublicUrl publicUrl;

    public ServiceDescriptionFilter(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    static final String ENDPOINT = MedkgServer.DATASET + "/sparql";

    static final String DESCRIPTION = """
            @prefix sd:     <http://www.w3.org/ns/sparql-service-description#> .
            @prefix format: <http://www.w3.org/ns/formats/> .
            @prefix void:   <http://rdfs.org/ns/void#> .
            @prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .

            <> a sd:Service ;
                rdfs:label "medkg SPARQL endpoint" ;
                rdfs:comment "Read-only SPARQL 1.1 query endpoint of medkg, a knowledge graph of medical foundation models. SERVICE is refused; queries time out; results are bounded (see the README's limits)." ;
                sd:endpoint <> ;
                sd:supportedLanguage sd:SPARQL11Query ;
                sd:resultFormat format:SPARQL_Results_JSON , format:SPARQL_Results_XML , format:SPARQL_Results_CSV ,
                    format:SPARQL_Results_TSV , format:Turtle , format:N-Triples , format:JSON-LD , format:RDF_XML ;
                sd:defaultDataset [
                    a sd:Dataset ;
                    void:sparqlEndpoint <> ;
                    sd:defaultGraph [ a sd:Graph ; rdfs:comment "The catalog, the ontology and the query library." ] ;
                    sd:namedGraph [ a sd:NamedGraph ; sd:name <https://w3id.org/medkg/graph/ontology> ] ;
                    sd:namedGraph [ a sd:NamedGraph ; sd:name <https://w3id.org/medkg/graph/queries> ] ;
                    sd:namedGraph [ a sd:NamedGraph ; sd:name <https://w3id.org/medkg/graph/closure> ;
                                    rdfs:comment "The lineage closure: <model> mkg:ancestorAtDepth-N <ancestor>." ]
                ] .
            """;

    /** An update request: the update parameter, an update body, or update text sent as a query. */
    static boolean isUpdate(HttpServletRequest req) {
        String type = String.valueOf(req.getContentType()).toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/sparql-update") || req.getRequestURI().endsWith("/update")) return true;
        if ("POST".equals(req.getMethod()) && type.startsWith("application/x-www-form-urlencoded")
                && req.getParameter("update") != null) return true;
        String q = req.getParameter("query");
        return q != null && q.length() < 100_000 && QueryShape.isUpdate(q);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String uri = req.getRequestURI();
        if (uri.startsWith(MedkgServer.DATASET) && isUpdate(req)) {
            byte[] body = ("Error 403: this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) "
                    + "is not offered. The data is rebuilt from the catalog (data/*.csv) with 'medkg build'.\n")
                    .getBytes(StandardCharsets.UTF_8);
            resp.setStatus(403);
            resp.setContentType("text/plain; charset=utf-8");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
            return;
        }
        if (!uri.equals(ENDPOINT)) {
            chain.doFilter(request, response);
            return;
        }
        boolean head = "HEAD".equals(req.getMethod());
        if ((head || "GET".equals(req.getMethod())) && req.getParameter("query") == null) {
            String base = publicUrl.fixed() || publicUrl.trustForwarded()
                    ? "@base <" + publicUrl.of(req) + ENDPOINT + "> .\n" : "";
            byte[] body = (base + DESCRIPTION).getBytes(StandardCharsets.UTF_8);
            resp.setStatus(200);
            resp.setContentType("text/turtle; charset=utf-8");
            resp.setContentLength(body.length);
            if (!head) resp.getOutputStream().write(body);
            return;
        }
        if (head) {
            HttpServletRequest asGet = new HttpServletRequestWrapper(req) {
                @Override
                public String getMethod() { return "GET"; }
            };
            chain.doFilter(asGet, new HttpServletResponseWrapper(resp) {
                private final ServletOutputStream sink = new ServletOutputStream() {
                    @Override
                    public void write(int b) { }

                    @Override
                    public boolean isReady() { return true; }

                    @Override
                    public void setWriteListener(WriteListener l) {
                        // A HEAD body is discarded and never blocks: writing is possible at once.
                        try {
                            l.onWritePossible();
                        } catch (IOException e) {
                            l.onError(e);
                        }
                    }
                };

                @Override
                public ServletOutputStream getOutputStream() { return sink; }

                @Override
                public PrintWriter getWriter() { return new PrintWriter(OutputStream.nullOutputStream()); }
            });
            return;
        }
        chain.doFilter(request, response);
    }
}
