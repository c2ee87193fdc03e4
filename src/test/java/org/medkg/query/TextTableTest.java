package org.medkg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;

/** The table format is for reading: plain values, prefixed names, and a width that fits, with nothing cut off. */
class TextTableTest {
    @Test
    void valuesArePlainAndIrisArePrefixed() {
        Model m = ModelFactory.createDefaultModel();
        String q = "SELECT ?m ?rel ?score WHERE { VALUES (?m ?rel ?score) { "
                + "(<https://w3id.org/medkg/id/model/meditron-70b> \"continued pretraining\"@en 70.2) } }";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QueryExecution qe = QueryExecutionFactory.create(q, m)) {
            TextTable.write(out, qe.execSelect(), Prefixes.standard(), 160);
        }
        String t = out.toString(StandardCharsets.UTF_8);
        assertTrue(t.contains("| model:meditron-70b | continued pretraining | 70.2  |"), t);
        assertFalse(t.contains("@en") || t.contains("\""), t);
    }

    @Test
    void longCellsWrapToFitAndNothingIsLost() {
        String url = "https://huggingface.co/epfl-llm/meditron-70b/blob/main/README.md";
        String quote = "We continue pretraining Llama-2-70B on a curated medical corpus of 48.1B tokens, "
                + "including clinical guidelines, PubMed papers and abstracts.";
        String table = TextTable.render(List.of("model", "quote", "source"),
                List.<String[]>of(new String[] {"model:asclepius-llama2-13b-pretraining-only", quote, url}), 100);
        for (String line : table.split("\n")) assertTrue(line.length() <= 100, line.length() + ": " + line);
        assertTrue(table.contains("model:asclepius-llama2-13b-pretraining-only"), "the id column is not broken:\n" + table);
        assertEquals(quote, column(table, 2, " "), "every character of the quote is still there:\n" + table);
        assertEquals(url, column(table, 3, ""), table);
    }

    /** The text of one data row's column, its wrapped lines joined with {@code glue}. */
    private static String column(String table, int index, String glue) {
        List<String> parts = new java.util.ArrayList<>();
        for (String line : table.split("\n"))
            if (line.startsWith("|") && !line.contains(" model ")) {
                String cell = line.split("\\|")[index].strip();
                if (!cell.isEmpty()) parts.add(cell);
            }
        return String.join(glue, parts);
    }

    @Test
    void wrapBreaksAtSpacesSlashesAndHyphens() {
        assertEquals(List.of("https://huggingface.co/", "epfl-llm/meditron-70b"),
                TextTable.wrap("https://huggingface.co/epfl-llm/meditron-70b", 24));
        assertEquals(List.of("continued", "pretraining"), TextTable.wrap("continued pretraining", 12));
    }
}
