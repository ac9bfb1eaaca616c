package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests run on a bounded pool: a burst queues instead of running hundreds of store queries at
 * once (100 concurrent cube reads on DuckDB exceeded its 1 GB memory limit and answered 500 before
 * the pool was bounded; see application.yml).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestConcurrencyTest implements TestPropertyProvider {
  @Inject
  @Named(TaskExecutors.BLOCKING)
  ExecutorService requests;

  @Override
  public Map<String, String> getProperties() {
    return TestServers.properties("concurrency-test");
  }

  @Test
  void atMostSixteenRequestsRunAtOnceAndTheRestWait() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(40);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    for (int i = 0; i < 40; i++) {
      requests.execute(
          () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            done.countDown();
          });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (running.get() < 16 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(200);

    assertThat(running.get()).as("tasks running while the first ones block").isEqualTo(16);
    release.countDown();
    assertThat(done.await(30, TimeUnit.SECONDS)).as("the queued ones ran afterwards").isTrue();
    assertThat(most.get()).isEqualTo(16);
  }
}
