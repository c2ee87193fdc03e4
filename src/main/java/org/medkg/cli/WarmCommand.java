package org.medkg.cli;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.medkg.query.CannedQuery;
import org.medkg.query.CannedQueryRunner;
import org.medkg.query.Prefixes;
import org.medkg.query.QueryLibrary;
import org.medkg.query.ResultFormat;
import org.medkg.render.LineageGraphs;
import org.medkg.render.SvgRenderer;
import org.medkg.render.TextRenderers;
import org.medkg.server.MedkgServer;
import org.medkg.store.BuildInfo;
import org.medkg.vocab.MKG;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Does, once and on a throwaway in-memory store, what the other commands do at start: Jena's initialisation, a TDB2
 * dataset, the query library and every canned query with its example parameters, the table and JSON writers, a
 * lineage picture, and the server answering a request. The launcher runs it after each build with
 * {@code -XX:ArchiveClassesAtExit}, so the AppCDS archive it records holds the classes every command needs.
 */
@Command(name = "warm", hidden = true, description = "Load the classes the other commands use (for the class-data archive).")
final class WarmCommand implements Callable<Integer> {
    @Mixin Paths paths;

    @Override
    public Integer call() throws Exception {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        Path ontology = paths.ontology().resolve("medkg.ttl");
        if (Files.isRegularFile(ontology)) Txn.executeWrite(dsg, () -> RDFParser.source(ontology).parse(dsg.getDefaultGraph()));
        QueryLibrary library = QueryLibrary.load(paths.queries());
        CannedQueryRunner runner = new CannedQueryRunner(dsg, 5000);
        OutputStream sink = OutputStream.nullOutputStream();
        for (CannedQuery q : library.all()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (CannedQuery.Param p : q.params()) if (p.required()) values.put(p.name(), p.example());
            for (ResultFormat f : new ResultFormat[] {ResultFormat.TABLE, ResultFormat.JSON}) {
                try {
                    runner.select(q, values, rs -> f.write(sink, rs, Prefixes.standard()));
                } catch (RuntimeException expected) {
                    // The store is nearly empty: an example name that matches nothing is refused, as it should be.
                }
            }
        }
        var g = LineageGraphs.around(dsg, MKG.ID_BASE + "model/warm", 2);
        sink.write(TextRenderers.text(g).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sink.write(SvgRenderer.render(g, SvgRenderer.ColorBy.INSTITUTE, s -> s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path tmp = Files.createTempDirectory("medkg-warm");
        try {
            new BuildInfo("2026-01-01T00:00:00Z", "warm", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).write(tmp);
            BuildInfo.read(tmp);
        } finally {
            Files.deleteIfExists(tmp.resolve(BuildInfo.FILE));
            Files.deleteIfExists(tmp);
        }
        MedkgServer server = MedkgServer.start(dsg, (BuildInfo) null, library, new MedkgServer.Options("127.0.0.1", 0, 5000));
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"/$/ping", "/id/model/warm", "/.well-known/void", "/api/queries"})
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
        } finally {
            server.stop();
        }
        return 0;
    }
}
