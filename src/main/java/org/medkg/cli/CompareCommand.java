package org.medkg.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.jena.query.QuerySolution;
import org.medkg.query.BadParameterException;
import org.medkg.query.CannedQuery;
import org.medkg.query.CannedQueryRunner;
import org.medkg.query.QueryLibrary;
import org.medkg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"List where imported catalogues disagree with curated lineage.",
                "For each declared source (OpenMed's manifest, Ecosystem Graphs, Hugging Face metadata): a base the",
                "catalog lacks, a different base, a different relation, or a base the source does not record.",
                "The same list is the canned query 'compare' (medkg query compare, /api/queries/compare)."})
final class CompareCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @Option(names = "--source", paramLabel = "IMPORT", description = "Only this import (e.g. ecosystem-graphs-medical).")
    String source;

    @Override
    public Integer call() throws Exception {
        CannedQuery q = QueryLibrary.open(paths.queries()).get("compare");
        if (q == null) throw new Medkg.UsageException("queries/ has no 'compare' query");
        Map<String, String> params = new LinkedHashMap<>();
        if (source != null) params.put("source", source);
        PrintWriter out = spec.commandLine().getOut();
        int[] n = {0};
        String[] current = {null};
        try (Store store = Store.open(paths.store())) {
            new CannedQueryRunner(store.dataset(), 60_000).select(q, params, rs -> rs.forEachRemaining(s -> {
                String src = text(s, "source");
                if (!src.equals(current[0])) {
                    out.println((current[0] == null ? "" : "\n") + src + ":");
                    current[0] = src;
                }
                n[0]++;
                out.printf("  %-28s %s [%s]: source says %s%s; curated: %s%n", text(s, "disagreement"),
                        text(s, "name"), slug(text(s, "model")),
                        s.contains("declaredBaseName") ? "'" + text(s, "declaredBaseName") + "'" : "no base",
                        s.contains("declaredRelation") ? " (" + text(s, "declaredRelation") + ")" : "",
                        text(s, "curatedBases").isEmpty() ? "no base" : text(s, "curatedBases")
                                .replace("https://w3id.org/medkg/id/model/", "").replace("https://w3id.org/medkg/id/family/", "family "));
            }));
        } catch (BadParameterException e) {
            throw new Medkg.UsageException(e.getMessage());
        }
        out.println((n[0] == 0 ? "" : "\n") + n[0] + " disagreement(s)");
        return 0;
    }

    private static String text(QuerySolution s, String var) {
        if (!s.contains(var)) return "";
        var n = s.get(var);
        return n.isLiteral() ? n.asLiteral().getLexicalForm() : n.toString();
    }

    private static String slug(String iri) {
        return iri.substring(iri.lastIndexOf('/') + 1);
    }
}
