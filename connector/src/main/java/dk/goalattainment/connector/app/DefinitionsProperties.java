package dk.goalattainment.connector.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * Where the definition files are: {@code connector.definitions.dir} (env {@code
 * CONNECTOR_DEFINITIONS_DIR}); unset means the copy shipped in the jar.
 */
@ConfigurationProperties("connector.definitions")
public record DefinitionsProperties(@Nullable Path dir) {}
