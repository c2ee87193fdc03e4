package org.medkg.catalog;

import java.util.List;

/** The files of the catalog and their columns, as documented in data/README.md. */
public enum CatalogTable {
    LICENSES("licenses.csv", true, List.of("id", "name", "url", "spdx", "restrictive", "notes"),
            List.of("id", "name", "restrictive")),
    MODALITIES("modalities.csv", true, List.of("id", "name", "description", "broader"),
            List.of("id", "name")),
    INSTITUTES("institutes.csv", true,
            List.of("id", "name", "aliases", "kind", "country", "homepage", "ror", "wikidata", "source", "notes"),
            List.of("id", "name")),
    FAMILIES("families.csv", true,
            List.of("id", "name", "aliases", "developed_by", "domain", "part_of", "homepage", "source", "imported_by",
                    "notes"),
            List.of("id", "name"), List.of("part_of", "imported_by")),
    BENCHMARKS("benchmarks.csv", true,
            List.of("id", "name", "aliases", "part_of", "subsets", "description", "homepage", "paper", "notes"),
            List.of("id", "name")),
    MODELS("models.csv", true,
            List.of("id", "name", "aliases", "type", "family", "developed_by", "released", "parameters",
                    "architecture", "modalities", "license", "open_weights", "hf_id", "code_repository", "paper",
                    "built_on", "built_on_method", "built_on_evidence", "built_on_source", "built_on_quote",
                    "built_on_reasoning", "from_scratch", "uses", "task", "formats", "languages", "labels", "source",
                    "imported_by", "notes"),
            List.of("id", "name", "type"), List.of("task", "formats", "languages", "labels", "imported_by")),
    EVALUATIONS("evaluations.csv", true,
            List.of("model", "benchmark", "metric", "score", "setting", "shots", "source", "evidence", "quote",
                    "reasoning", "notes"),
            List.of("model", "benchmark", "metric", "score", "setting", "source", "evidence")),
    PUBLICATIONS("publications.csv", false,
            List.of("id", "title", "type", "issued", "url", "institutes", "discusses", "notes"),
            List.of("id", "title", "type")),
    /**
     * What a machine-readable catalogue declares about the lineage of a curated model, kept apart from curated
     * lineage so the two can be compared ({@code medkg compare}); never a lineage edge itself.
     */
    DECLARATIONS("declarations.csv", false,
            List.of("model", "declared_base", "declared_base_name", "relation", "source", "quote", "imported_by", "notes"),
            List.of("model", "source", "imported_by")),
    /** One row per import of a machine-readable catalogue: the snapshot its rows were generated from. */
    IMPORTS("imports.csv", false,
            List.of("id", "name", "source", "snapshot", "commit", "retrieved", "importer", "notes"),
            List.of("id", "name", "source", "snapshot", "retrieved"));

    private final String fileName;
    private final boolean required;
    private final List<String> columns;
    private final List<String> requiredCells;
    private final List<String> optionalColumns;

    CatalogTable(String fileName, boolean required, List<String> columns, List<String> requiredCells) {
        this(fileName, required, columns, requiredCells, List.of());
    }

    CatalogTable(String fileName, boolean required, List<String> columns, List<String> requiredCells,
                 List<String> optionalColumns) {
        this.fileName = fileName;
        this.required = required;
        this.columns = columns;
        this.requiredCells = requiredCells;
        this.optionalColumns = optionalColumns;
    }

    /** Columns a file may leave out of its header (their cells are then empty): columns added after release 1. */
    public List<String> optionalColumns() { return optionalColumns; }

    public String fileName() { return fileName; }

    /** Whether the catalog is incomplete without this file. */
    public boolean required() { return required; }

    public List<String> columns() { return columns; }

    /** Columns whose cell may not be empty. */
    public List<String> requiredCells() { return requiredCells; }

    /** Whether rows of this table are entities with an {@code id} column. */
    public boolean hasIds() { return columns.get(0).equals("id"); }
}
