package dk.goalattainment.connector.store.testdb;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * The test database's own settings: {@code connector.store.testdb.file} and {@code .memory-limit}
 * (default {@code 256MB}).
 */
@ConfigurationProperties("connector.store.testdb")
public record TestDbProperties(Path file, @Bindable(defaultValue = "256MB") String memoryLimit) {}
