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

/**
 * The SPARQL endpoint's own protocol gaps: {@code GET /medkg/sparql} with no query answers with a SPARQL 1.1
 * Service Description (Turtle; its IRIs are relative to the endpoint, so nothing is built from the Host header),
 * and HEAD is answered as GET without a body instead of 405.
 */
public final class ServiceDescriptionFilter implements Filter {
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
                sd:feature sd:UnionDefaultGraph ;
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

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if (!req.getRequestURI().equals(ENDPOINT)) {
            chain.doFilter(request, response);
            return;
        }
        boolean head = "HEAD".equals(req.getMethod());
        if ((head || "GET".equals(req.getMethod())) && req.getParameter("query") == null) {
            byte[] body = DESCRIPTION.getBytes(StandardCharsets.UTF_8);
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
                    public void setWriteListener(WriteListener l) { }
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
