package org.medkg.portability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.medkg.query.CannedQuery;

/**
 * One set of parameter values for a canned query, all taken from the examples in its header. A header gives one
 * example per parameter, so the cases are: the required parameters alone (the optional ones unbound, as a client
 * that leaves them out gets), the required ones with each optional one in turn, and every parameter at once.
 */
record ExampleCase(Map<String, String> params) {

    static List<ExampleCase> of(CannedQuery q) {
        Map<String, String> required = new LinkedHashMap<>();
        List<CannedQuery.Param> optional = new ArrayList<>();
        for (CannedQuery.Param p : q.params()) {
            if (p.required()) required.put(p.name(), p.example());
            else optional.add(p);
        }
        Set<Map<String, String>> cases = new LinkedHashSet<>();
        cases.add(required);
        for (CannedQuery.Param p : optional) {
            Map<String, String> one = new LinkedHashMap<>(required);
            one.put(p.name(), p.example());
            cases.add(one);
        }
        Map<String, String> all = new LinkedHashMap<>();
        q.params().forEach(p -> all.put(p.name(), p.example()));
        cases.add(all);
        return cases.stream().map(m -> new ExampleCase(Map.copyOf(m))).toList();
    }

    /** {@code ?base=Llama-2&evidence=stated}, as the canned-query API takes it (values URL-encoded). */
    String queryString() {
        return params.isEmpty() ? "" : "?" + params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return params.isEmpty() ? "(no parameters)" : params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
