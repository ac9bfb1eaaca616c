package dk.goalattainment.connector.rest;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an ingest stored.
 *
 * @param record the record kind: {@code org-units}, {@code goals} or {@code followups}
 * @param received records in the body
 * @param inserted records with a new id
 * @param replaced records whose id was stored (the stored one is replaced)
 * @param datasetsFresh always false: an ingest makes the datasets stale until the next refresh
 */
@Schema(name = "IngestResult")
public record IngestResult(
    String record, long received, long inserted, long replaced, boolean datasetsFresh) {}
