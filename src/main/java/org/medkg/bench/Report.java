package org.medkg.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns bench/results/raw/*.json into bench/results/results.md and a log-log chart, bench/results/chart.svg. */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * medkg build's summary line, as printed now ("…; T triples (default graph), Q quads (all graphs); … (parse …,
     * closure C, load L, beside the check)") or before (no closure; the load after the check).
     */
    private static final Pattern BUILD = Pattern.compile("(\\d+) rows(?:, |; \\d+ triples \\(default graph\\), )(\\d+) quads"
            + "(?: in | \\(all graphs\\); )(\\d+) ms \\(parse (\\d+), convert (\\d+), validate (\\d+)(?:, closure (\\d+))?, load (\\d+)");

    private Report() {}

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        Path raw = dir.resolve("raw");
        JsonNode machine = JSON.readTree(raw.resolve("machine.json").toFile());
        TreeMap<Integer, JsonNode> builds = new TreeMap<>();
        TreeMap<Integer, JsonNode> queries = new TreeMap<>();
        TreeMap<Integer, JsonNode> startups = new TreeMap<>();
        for (File f : raw.toFile().listFiles()) {
            Matcher m = Pattern.compile("(build|queries|startup)-(\\d+)\\.json").matcher(f.getName());
            if (!m.matches()) continue;
            TreeMap<Integer, JsonNode> into = m.group(1).equals("build") ? builds : m.group(1).equals("queries") ? queries : startups;
            into.put(Integer.parseInt(m.group(2)), JSON.readTree(f));
        }
        StringBuilder md = new StringBuilder();
        md.append("# medkg benchmark results\n\n");
        md.append(String.format("Machine: %s, %d cores, %d GiB RAM; %s; %s; Node %s. Run %s.%n",
                machine.path("cpu").asText(), machine.path("cores").asInt(), machine.path("memoryGiB").asInt(),
                machine.path("os").asText(), machine.path("java").asText(), machine.path("node").asText(), machine.path("date").asText()));
        md.append("Versions: Apache Jena 5.6.0 (TDB2, Fuseki), Eclipse RDF4J 5.2.2 (memory store), ");
        JsonNode anyOxi = builds.isEmpty() ? null : builds.lastEntry().getValue().path("oxigraph");
        md.append(anyOxi == null ? "Oxigraph" : anyOxi.path("system").asText("Oxigraph")).append(".\n\n");
        int runs = queries.isEmpty() ? 30 : queries.firstEntry().getValue().path("runs").asInt(30);
        md.append("Reproduce: `bench/run.sh` (sizes with `SIZES=\"10000 100000 1000000\"`, runs with `RUNS`). Latencies are over ")
                .append(runs).append(" runs after warm-up unless stated; p50/p95/p99 in milliseconds.\n\n");

        goals(md, builds, queries, startups);

        md.append("## Build: catalog CSV to validated, published TDB2 store\n\n");
        md.append("| models | triples | medkg build (s) | parse | convert | validate | closure (share of build) | load | load rate (quads/s) | store size | peak RSS | tdb2.tdbloader alone (s) | build / tdbloader |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
        for (var e : builds.entrySet()) {
            JsonNode b = e.getValue();
            Matcher m = BUILD.matcher(b.path("build").asText());
            if (!m.find()) continue;
            long quads = Long.parseLong(m.group(2));
            double total = Long.parseLong(m.group(3)) / 1000.0;
            double load = Long.parseLong(m.group(8)) / 1000.0;
            String closure = m.group(7) == null ? "–" : String.format(Locale.ROOT, "%.1f (%.1f%%)",
                    Long.parseLong(m.group(7)) / 1000.0, 100.0 * Long.parseLong(m.group(7)) / 1000.0 / total);
            double floor = wall(b.path("tdbloaderWall").asText());
            double buildWall = wall(b.path("buildWall").asText());
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %.1f (process %.1f) | %.1f | %.1f | %.1f | %s | %.1f | %,.0f | %.0f MB | %.0f MB | %.1f | %.2f× |%n",
                    e.getKey(), b.path("triples").asLong(), total, buildWall, Long.parseLong(m.group(4)) / 1000.0,
                    Long.parseLong(m.group(5)) / 1000.0, Long.parseLong(m.group(6)) / 1000.0, closure, load, quads / load,
                    b.path("storeBytes").asLong() / 1e6, b.path("buildPeakRssKiB").asLong() / 1024.0, floor, buildWall / floor));
            put(series, "medkg build (process wall)", e.getKey(), buildWall * 1000);
            put(series, "tdb2.tdbloader (process wall)", e.getKey(), floor * 1000);
        }
        md.append("\nParse, convert, validate and closure (computing the lineage closure; its share of the build in brackets) "
                + "are the check's times. In builds that report the closure, the load runs beside the check (its threads take "
                + "the statements as the check makes them, into a staging database published only if the check passes), "
                + "so the parts add up to more than the build; before, it followed the check. tdb2.tdbloader loads the "
                + "exported N-Triples of the default graph.\n");

        md.append("\n## Query latency (ms): in process | over HTTP\n\n");
        md.append("| models | query | rows | in-process p50 / p95 / p99 | HTTP p50 / p95 / p99 | HTTP bytes |\n|---:|---|---:|---|---|---:|\n");
        for (var e : queries.entrySet()) {
            JsonNode q = e.getValue();
            for (String name : List.of("built-on", "lineage", "by-institute", "leaderboard")) {
                JsonNode ip = q.path("inProcess").path(name);
                JsonNode h = q.path("http").path(name);
                md.append(String.format(Locale.ROOT, "| %,d | `%s` | %,d | %s | %s | %,d |%n", e.getKey(), name,
                        ip.path("rows").asLong(), pcts(ip.path("stats")), pcts(h.path("stats")), h.path("bytes").asLong()));
            }
            put(series, "medkg built-on, canned, HTTP p50", e.getKey(), q.path("http").path("built-on").path("stats").path("p50").asDouble());
            put(series, "medkg built-on, canned, in-process p50", e.getKey(), q.path("inProcess").path("built-on").path("stats").path("p50").asDouble());
        }

        md.append("\n## First page (limit=100, with the total) over HTTP, and which engine answered\n\n");
        md.append("`built-on`, `descendants` and `lineage` are answered from the server's lineage index, `leaderboard` from ")
                .append("its score index and `by-institute` from its institute index once it has read them (the time after start ")
                .append("is given); the rest by SPARQL. ")
                .append("A page is the first 100 rows in the query's order, with `Medkg-Total-Count`.\n\n");
        md.append("| models | query | answered by | total rows | first page p50 / p95 / p99 | full answer p50 / p95 / p99 | index ready after start (ms) |\n")
                .append("|---:|---|---|---:|---|---|---:|\n");
        for (var e : queries.entrySet()) {
            JsonNode q = e.getValue();
            if (q.path("httpFirstPage").isMissingNode()) continue;
            for (String name : List.of("built-on", "lineage", "by-institute", "leaderboard")) {
                JsonNode fp = q.path("httpFirstPage").path(name);
                md.append(String.format(Locale.ROOT, "| %,d | `%s` | %s | %,d | %s | %s | %s |%n", e.getKey(), name,
                        q.path("http").path(name).path("answeredBy").asText(), fp.path("total").asLong(), pcts(fp.path("stats")),
                        pcts(q.path("http").path(name).path("stats")),
                        name.equals("built-on") ? String.format(Locale.ROOT, "%,.0f", q.path("indexReadyAfterStartMs").asDouble()) : ""));
            }
        }
        if (!startups.isEmpty()) {
            md.append("\n## Start-up (median wall ms of ").append(startups.firstEntry().getValue().path("runs").asInt())
                    .append(" runs): ./medkg (AppCDS archive, client compiler for short commands) / MEDKG_CDS=off / plain java -jar\n\n");
            md.append("| models | `medkg lineage` | `medkg query lineage` | `medkg serve` until /$/ping |\n|---:|---|---|---|\n");
            for (var e : startups.entrySet()) {
                JsonNode st = e.getValue();
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", e.getKey() == 0 ? "real catalog" : String.format("%,d", e.getKey()),
                        startup(st.path("lineage")), startup(st.path("query")), startup(st.path("serveReady"))));
            }
        }

        md.append("\n## The closure query against peers and the BFS floor (largest root, in process)\n\n");
        md.append("Query: `SELECT DISTINCT ?m WHERE { ?m mkg:builtOn+ <root> }`, on the same N-Triples.\n\n");
        md.append("| models | descendants | medkg TDB2 `builtOn+` p50 / p95 / p99 | medkg closure graph p50 / p95 / p99 | RDF4J memory p50 / p95 / p99 (load s) | Oxigraph p50 / p95 / p99 (load s) | BFS floor p50 | medkg `builtOn+` / BFS |\n|---:|---:|---|---|---|---|---:|---:|\n");
        for (var e : queries.entrySet()) {
            JsonNode q = e.getValue();
            JsonNode b = builds.get(e.getKey());
            JsonNode c = q.path("closureQuery").path("stats");
            JsonNode bfs = q.path("bfsFloor").path("stats");
            JsonNode r = b == null ? JSON.createObjectNode() : b.path("rdf4j");
            JsonNode o = b == null ? JSON.createObjectNode() : b.path("oxigraph");
            JsonNode cg = q.path("closureGraph").path("stats");
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %s | %s | %s | %.3f | %.0f× |%n", e.getKey(),
                    q.path("closureQuery").path("rows").asLong(), pcts(c), cg.isMissingNode() ? "not measured" : pcts(cg),
                    peer(r), peer(o), bfs.path("p50").asDouble(),
                    c.path("p50").asDouble() / Math.max(1e-6, bfs.path("p50").asDouble())));
            put(series, "medkg builtOn+ (TDB2) p50", e.getKey(), c.path("p50").asDouble());
            if (r.has("p50")) put(series, "RDF4J memory builtOn+ p50", e.getKey(), r.path("p50").asDouble());
            if (o.has("p50")) put(series, "Oxigraph builtOn+ p50", e.getKey(), o.path("p50").asDouble());
            put(series, "BFS floor p50", e.getKey(), bfs.path("p50").asDouble());
            if (!cg.isMissingNode()) put(series, "medkg closure graph p50", e.getKey(), cg.path("p50").asDouble());
        }

        md.append("\n## Server throughput: lineage and descendants of random models, over HTTP on loopback\n\n");
        md.append("| models | clients | queries/s | p50 | p95 | p99 | errors |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : queries.entrySet()) {
            JsonNode t = e.getValue().path("throughput");
            for (String c : List.of("1", "8", "32")) {
                JsonNode x = t.path(c);
                md.append(String.format(Locale.ROOT, "| %,d | %s | %.0f | %.1f | %.1f | %.1f | %d |%n", e.getKey(), c,
                        x.path("queriesPerSecond").asDouble(), x.path("stats").path("p50").asDouble(),
                        x.path("stats").path("p95").asDouble(), x.path("stats").path("p99").asDouble(), x.path("errors").asLong()));
            }
        }
        md.append("\n![Cost against N, log-log](chart.svg)\n");
        Files.writeString(dir.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("chart.svg"), chart(series, machine), StandardCharsets.UTF_8);
    }

    /**
     * The hub-scale goals (issue 13), each with its measured figure at every size measured and met or missed against
     * the size the goal names (the largest size measured stands in, and says so, when that size was not run).
     */
    private static void goals(StringBuilder md, TreeMap<Integer, JsonNode> builds, TreeMap<Integer, JsonNode> queries,
                              TreeMap<Integer, JsonNode> startups) {
        md.append("## Goals\n\n");
        md.append("The issue sets the latency, throughput, ratio and memory goals at 10^6 models (the build ratio at 10^5 too); ")
                .append("the other sizes are shown against the same targets. Start-up goals are for the real catalog.\n\n");
        md.append("| goal | target | measured | met? |\n|---|---|---|---|\n");
        for (var e : queries.entrySet()) {
            JsonNode q = e.getValue();
            String n = String.format(Locale.ROOT, "10^%d", (int) Math.round(Math.log10(e.getKey())));
            double page = q.path("httpFirstPage").path("built-on").path("stats").path("p50").asDouble(Double.NaN);
            double full = q.path("http").path("built-on").path("stats").path("p50").asDouble(Double.NaN);
            double closure = q.path("closureGraph").path("stats").path("p50").asDouble(Double.NaN);
            double bfs = q.path("bfsFloor").path("stats").path("p50").asDouble(Double.NaN);
            goal(md, "`built-on` largest root, first page (100 rows + total), HTTP p50, " + n, "≤ 50 ms", page, 50,
                    String.format(Locale.ROOT, " (closure scan %.1f ms, BFS floor %.3f ms)", closure, bfs));
            goal(md, "`built-on` largest root, whole answer streamed, HTTP p50, " + n, "≤ 2,000 ms", full, 2000,
                    String.format(Locale.ROOT, " (%,d bytes; %.0f× the closure scan)", q.path("http").path("built-on").path("bytes").asLong(),
                            full / closure));
            goal(md, "`leaderboard` top 100 (first page), HTTP p50, " + n, "≤ 100 ms",
                    q.path("httpFirstPage").path("leaderboard").path("stats").path("p50").asDouble(Double.NaN), 100, "");
            goal(md, "`by-institute`, whole answer, HTTP p50, " + n, "≤ 200 ms",
                    q.path("http").path("by-institute").path("stats").path("p50").asDouble(Double.NaN), 200, "");
            JsonNode t = q.path("throughput").path("32");
            double p99 = t.path("stats").path("p99").asDouble(Double.NaN);
            long errors = t.path("errors").asLong(-1);
            md.append(String.format(Locale.ROOT, "| 32 clients, lineage/descendants mix, p99 and errors, %s | ≤ 100 ms, 0 errors | %.1f ms, %d errors | %s |%n",
                    n, p99, errors, p99 <= 100 && errors == 0 ? "met" : "missed"));
        }
        for (var e : builds.entrySet()) {
            JsonNode b = e.getValue();
            String n = String.format(Locale.ROOT, "10^%d", (int) Math.round(Math.log10(e.getKey())));
            double ratio = wall(b.path("buildWall").asText()) / wall(b.path("tdbloaderWall").asText());
            double limit = e.getKey() >= 1_000_000 ? 1.3 : e.getKey() >= 100_000 ? 1.5 : Double.NaN;
            md.append(String.format(Locale.ROOT, "| build / `tdb2.tdbloader`, %s | %s | %.2f× | %s |%n", n,
                    Double.isNaN(limit) ? "(no goal at this size)" : String.format(Locale.ROOT, "≤ %.1f×", limit), ratio,
                    Double.isNaN(limit) ? "-" : ratio <= limit ? "met" : "missed"));
            double rssGb = b.path("buildPeakRssKiB").asLong() / 1048576.0;
            md.append(String.format(Locale.ROOT, "| build peak RSS, %s | %s | %.2f GiB | %s |%n", n,
                    e.getKey() >= 1_000_000 ? "≤ 6 GB" : "(no goal at this size)", rssGb,
                    e.getKey() >= 1_000_000 ? (rssGb * 1.073741824 <= 6 ? "met" : "missed") : "-"));
        }
        JsonNode seed = startups.get(0);
        if (seed != null) {
            goal(md, "`./medkg lineage MODEL`, real catalog, median wall", "≤ 1,000 ms", seed.path("lineage").path("medkg").asDouble(Double.NaN), 1000, "");
            goal(md, "`./medkg query NAME`, real catalog, median wall", "≤ 1,000 ms", seed.path("query").path("medkg").asDouble(Double.NaN), 1000, "");
            goal(md, "`./medkg serve` until /$/ping, store current, real catalog, median", "≤ 2,000 ms",
                    seed.path("serveReady").path("medkg").asDouble(Double.NaN), 2000, "");
        }
        md.append("\n");
    }

    private static void goal(StringBuilder md, String what, String target, double measured, double limit, String detail) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s%s | %s |%n", what, target,
                Double.isNaN(measured) ? "not measured" : String.format(Locale.ROOT, "%,.1f ms", measured), detail,
                Double.isNaN(measured) ? "-" : measured <= limit ? "met" : "missed"));
    }

    private static void put(Map<String, TreeMap<Integer, Double>> s, String name, int n, double v) {
        if (v > 0) s.computeIfAbsent(name, k -> new TreeMap<>()).put(n, v);
    }

    private static String startup(JsonNode s) {
        return String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f", s.path("medkg").asDouble(), s.path("noCds").asDouble(),
                s.path("javaJar").asDouble());
    }

    private static String pcts(JsonNode s) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", s.path("p50").asDouble(), s.path("p95").asDouble(), s.path("p99").asDouble());
    }

    private static String peer(JsonNode p) {
        if (!p.has("p50")) return p.path("error").asText("not run");
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f (%.1f)", p.path("p50").asDouble(), p.path("p95").asDouble(),
                p.path("p99").asDouble(), p.path("loadMillis").asDouble() / 1000);
    }

    /** "1:02.34" or "0:05.12" or "1:02:03" (from /usr/bin/time) in seconds. */
    static double wall(String s) {
        String[] p = s.split(":");
        double v = 0;
        for (String x : p) v = v * 60 + Double.parseDouble(x);
        return v;
    }

    private static String chart(Map<String, TreeMap<Integer, Double>> series, JsonNode machine) {
        double w = 860, h = 520, left = 80, right = 300, top = 50, bottom = 60;
        double minX = Double.MAX_VALUE, maxX = 0, minY = Double.MAX_VALUE, maxY = 0;
        for (var s : series.values()) for (var e : s.entrySet()) {
            minX = Math.min(minX, e.getKey()); maxX = Math.max(maxX, e.getKey());
            minY = Math.min(minY, e.getValue()); maxY = Math.max(maxY, e.getValue());
        }
        double lx0 = Math.floor(Math.log10(minX)), lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(maxX)));
        double ly0 = Math.floor(Math.log10(minY)), ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(maxY)));
        double pw = w - left - right, ph = h - top - bottom;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"22\" font-size=\"15\" font-weight=\"bold\">medkg benchmark: cost (ms) against number of models, log-log</text>%n", left));
        s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"40\" fill=\"#555\">%s, %d cores, %d GiB; %s; Jena 5.6.0, RDF4J 5.2.2, Oxigraph</text>%n",
                left, esc(machine.path("cpu").asText()), machine.path("cores").asInt(), machine.path("memoryGiB").asInt(),
                esc(machine.path("java").asText())));
        for (double e = lx0; e <= lx1; e++) {
            double x = left + (e - lx0) / (lx1 - lx0) * pw;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">10^%d</text>%n",
                    x, top, x, top + ph, x, top + ph + 18, (int) e));
        }
        for (double e = ly0; e <= ly1; e++) {
            double y = top + ph - (e - ly0) / (ly1 - ly0) * ph;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">10^%d</text>%n",
                    left, y, left + pw, y, left - 6, y + 4, (int) e));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">models (N)</text>%n", left + pw / 2, h - 16));
        s.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%.0f\" transform=\"rotate(-90 20 %.0f)\" text-anchor=\"middle\">milliseconds</text>%n", top + ph / 2, top + ph / 2));
        String[] colors = {"#1f77b4", "#7f7f7f", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"};
        int i = 0;
        for (var e : series.entrySet()) {
            String c = colors[i % colors.length];
            List<String> pts = new ArrayList<>();
            for (var p : e.getValue().entrySet()) {
                double x = left + (Math.log10(p.getKey()) - lx0) / (lx1 - lx0) * pw;
                double y = top + ph - (Math.log10(p.getValue()) - ly0) / (ly1 - ly0) * ph;
                pts.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", x, y, c));
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(c).append("\" stroke-width=\"2\" points=\"").append(String.join(" ", pts)).append("\"/>\n");
            double ly = top + 10 + i * 20;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"4\" fill=\"%s\"/><text x=\"%.0f\" y=\"%.0f\">%s</text>%n",
                    left + pw + 16, ly - 4, c, left + pw + 36, ly + 2, esc(e.getKey())));
            i++;
        }
        return s.append("</svg>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
