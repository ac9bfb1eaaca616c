package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.error.ConnectorException;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;

/**
 * Readiness: the store answers a trivial query. {@code /health/readiness} (and {@code /health})
 * answer DOWN with 503 within {@link #DEADLINE} when it does not — a load balancer then stops
 * sending requests — and UP again as soon as it answers. Liveness ({@code /health/liveness}) does
 * not depend on the store: a restart does not bring a database back.
 *
 * <p>At most one check runs at a time: a check that hangs (a server that accepts connections but
 * never answers) is waited for, not piled up.
 */
@Singleton
@Readiness
final class StoreHealthIndicator implements HealthIndicator {
  /** The longest a readiness check takes. */
  static final Duration DEADLINE = Duration.ofMillis(1500);

  private final ConnectorRuntime runtime;
  private final ExecutorService checks =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "store-health");
            t.setDaemon(true);
            return t;
          });
  private Future<?> running;

  StoreHealthIndicator(ConnectorRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(check());
  }

  /** UP when the store answered within the deadline, DOWN (with the reason) otherwise. */
  HealthResult check() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("database", runtime.database());
    HealthStatus status;
    try {
      current().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      status = HealthStatus.UP;
    } catch (TimeoutException e) {
      status = HealthStatus.DOWN;
      details.put("error", "no answer within " + DEADLINE.toMillis() + " ms");
    } catch (ExecutionException e) {
      status = HealthStatus.DOWN;
      details.put(
          "error",
          e.getCause() instanceof ConnectorException ce
              ? ce.code().title()
              : e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = HealthStatus.UNKNOWN;
    }
    return HealthResult.builder("store", status).details(details).build();
  }

  /** The check in flight, or a new one. */
  private synchronized Future<?> current() {
    if (running == null || running.isDone()) {
      int seconds = (int) Math.max(1, DEADLINE.toSeconds());
      running = checks.submit(() -> runtime.ping(seconds));
    }
    return running;
  }

  @PreDestroy
  void close() {
    checks.shutdownNow();
  }
}
