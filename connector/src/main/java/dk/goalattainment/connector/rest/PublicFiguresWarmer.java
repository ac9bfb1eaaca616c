package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.opendata.PublicFigures;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the public figures in the background when the server starts and after a refresh over
 * REST, so that the first anonymous caller does not wait for the disclosure control (seconds for a
 * large store). A request that comes first simply waits for the same computation.
 */
@Singleton
class PublicFiguresWarmer implements ApplicationEventListener<ServerStartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(PublicFiguresWarmer.class);

  private final PublicFigures figures;
  private final ExecutorService executor;

  PublicFiguresWarmer(PublicFigures figures, @Named(TaskExecutors.IO) ExecutorService executor) {
    this.figures = figures;
    this.executor = executor;
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    warm();
  }

  /** Starts computing the current public figures, if the datasets are fresh. */
  void warm() {
    executor.execute(
        () -> {
          try {
            figures.tables();
          } catch (ConnectorException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
              LOG.warn("Could not compute the public figures: {}", e.getMessage());
            }
          } catch (RuntimeException e) {
            LOG.warn("Could not compute the public figures", e);
          }
        });
  }
}
