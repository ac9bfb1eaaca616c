package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.app.OpenDataProperties;
import dk.goalattainment.connector.opendata.OpenDataExport;
import dk.goalattainment.connector.opendata.PublicFigures;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The store the service works on: the configured one, opened once. */
@Factory
class ServerFactory {
  @Singleton
  @Bean(preDestroy = "close")
  ConnectorRuntime runtime(StoreOpener stores) {
    return stores.open(Optional.empty());
  }

  /**
   * The public, disclosure-controlled figures of the current refresh (the open-data table with its
   * default options and the configured publication metadata), shared by the open-data files and
   * every anonymous answer.
   */
  @Singleton
  @Bean(preDestroy = "close")
  PublicFigures publicFigures(ConnectorRuntime runtime, OpenDataProperties metadata) {
    return runtime.publicFigures(
        OpenDataExport.Options.defaults().withMetadata(metadata.metadata()));
  }
}
