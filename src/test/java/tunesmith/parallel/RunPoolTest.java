package tunesmith.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

public class RunPoolTest {

  /** Counts what it is told, from any thread. */
  public static final class CountingProgress implements ProgressListener {
    public final List<String> events = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger done = new AtomicInteger();

    @Override
    public void started(int total) {
      events.add("started " + total);
    }

    @Override
    public void runDone() {
      done.incrementAndGet();
    }

    @Override
    public void finished() {
      events.add("finished " + done.get());
    }
  }

  private static List<Integer> numbers(int count) {
    return IntStream.range(0, count).boxed().toList();
  }

  @Test
  void resultsComeBackInItemOrderWhateverOrderTheThreadsFinishIn() {
    // Early items sleep longest, so they finish last.
    List<Integer> items = numbers(40);
    List<String> results =
        new RunPool(4)
            .map(
                items,
                item -> {
                  sleep(40 - item);
                  return "run" + item;
                },
                ProgressListener.NONE);
    assertThat(results)
        .containsExactlyElementsOf(items.stream().map(item -> "run" + item).toList());
  }

  @Test
  void theWorkIsSplitAcrossThreads() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    // Every item waits until a second thread has taken work: with one thread the latch never
    // opens and the item fails instead of the test passing by luck.
    CountDownLatch secondThread = new CountDownLatch(2);
    new RunPool(3)
        .map(
            numbers(30),
            item -> {
              if (threads.add(
                  Thread.currentThread().getName() + "#" + Thread.currentThread().getId())) {
                secondThread.countDown();
              }
              try {
                assertThat(secondThread.await(60, TimeUnit.SECONDS))
                    .as("a second thread took work")
                    .isTrue();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return item;
            },
            ProgressListener.NONE);
    assertThat(threads).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(3);
  }

  @Test
  void oneThreadWorksOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    List<Boolean> onCaller =
        new RunPool(1)
            .map(numbers(5), item -> Thread.currentThread() == caller, ProgressListener.NONE);
    assertThat(onCaller).containsOnly(true);
  }

  @Test
  void progressHearsOfEveryRunBetweenStartAndFinish() {
    CountingProgress progress = new CountingProgress();
    new RunPool(4).map(numbers(1000), item -> item * 2, progress);
    assertThat(progress.done).hasValue(1000);
    assertThat(progress.events).containsExactly("started 1000", "finished 1000");
  }

  @Test
  void aFailingRunThrowsItsOwnExceptionAfterTheOthersStopAndProgressStillFinishes() {
    CountingProgress progress = new CountingProgress();
    assertThatThrownBy(
            () ->
                new RunPool(2)
                    .map(
                        numbers(200),
                        item -> {
                          if (item == 7) {
                            throw new IllegalStateException("run 7 broke");
                          }
                          return item;
                        },
                        progress))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("run 7 broke");
    assertThat(progress.events).last().asString().startsWith("finished");
  }

  @Test
  void noRunsIsAnEmptyList() {
    CountingProgress progress = new CountingProgress();
    assertThat(new RunPool(2).map(List.<Integer>of(), item -> item, progress)).isEmpty();
    assertThat(progress.events).containsExactly("started 0", "finished 0");
  }

  @Test
  void aPoolNeedsAThread() {
    assertThatThrownBy(() -> new RunPool(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void chunksAreSmallEnoughToSpreadAndNeverEmpty() {
    assertThat(RunPool.chunkSize(0, 2)).isEqualTo(1);
    assertThat(RunPool.chunkSize(10, 2)).isEqualTo(1);
    assertThat(RunPool.chunkSize(30, 3)).isEqualTo(2);
    assertThat(RunPool.chunkSize(10_000, 2)).isEqualTo(8);
    for (int items = 1; items < 500; items++) {
      for (int threads = 1; threads <= 8; threads++) {
        int chunk = RunPool.chunkSize(items, threads);
        int chunks = (items + chunk - 1) / chunk;
        assertThat(chunks)
            .as("%d items, %d threads", items, threads)
            .isGreaterThanOrEqualTo(Math.min(items, threads));
      }
    }
  }

  @Test
  void everyItemIsDoneOnceInOrderWhateverTheChunking() {
    for (int size : new int[] {1, 2, 7, 8, 9, 63, 64, 65, 1000}) {
      List<Integer> items = numbers(size);
      Set<Integer> seen = ConcurrentHashMap.newKeySet();
      List<Integer> results =
          new RunPool(3)
              .map(
                  items,
                  item -> {
                    assertThat(seen.add(item)).as("item %d done twice", item).isTrue();
                    return item * 3;
                  },
                  ProgressListener.NONE);
      assertThat(results).containsExactlyElementsOf(items.stream().map(i -> i * 3).toList());
      assertThat(seen).hasSize(size);
    }
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
