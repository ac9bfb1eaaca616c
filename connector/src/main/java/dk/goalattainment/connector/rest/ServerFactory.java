package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
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
}
