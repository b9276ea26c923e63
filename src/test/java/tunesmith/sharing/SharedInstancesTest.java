package tunesmith.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedInstancesTest {
  record Pair(String left, Optional<String> right) {}

  @Test
  void equalValuesAreTheFirstInstance() {
    SharedInstances shared = new SharedInstances();
    String first = new String("lora_rank");
    String second = new String("lora_rank");
    assertThat(shared.of(first)).isSameAs(first);
    assertThat(shared.of(second)).isSameAs(first);
    assertThat(shared.of(Path.of("/models/a"))).isSameAs(shared.of(Path.of("/models/a")));
    assertThat(shared.of(Optional.of("8"))).isSameAs(shared.of(Optional.of("8")));
    assertThat(shared.of((String) null)).isNull();
  }

  @Test
  void aNewValueIsRebuiltFromSharedPartsOnce() {
    SharedInstances shared = new SharedInstances();
    String text = shared.of(new String("1e-5"));
    AtomicInteger rebuilt = new AtomicInteger();
    Pair first =
        shared.of(
            new Pair(new String("1e-5"), Optional.empty()),
            pair -> {
              rebuilt.incrementAndGet();
              return new Pair(shared.of(pair.left()), pair.right());
            });
    Pair again = shared.of(new Pair(new String("1e-5"), Optional.empty()), pair -> pair);
    assertThat(first.left()).isSameAs(text);
    assertThat(again).isSameAs(first);
    assertThat(rebuilt).hasValue(1);
  }

  @Test
  void equalValuesOfAnotherClassAreNotSwapped() {
    SharedInstances shared = new SharedInstances();
    List<String> immutable = shared.of(List.of("a"));
    List<String> mutable = new ArrayList<>(List.of("a"));
    assertThat(shared.of(mutable)).isSameAs(mutable).isEqualTo(immutable);
  }

  @Test
  void threadsRacingWithEqualValuesGetOneInstanceOfEach() throws Exception {
    SharedInstances shared = new SharedInstances();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i % 5;
        results.add(pool.submit(() -> shared.of(new String("value" + n))));
      }
      Map<String, String> instanceOf = new HashMap<>();
      for (Future<String> result : results) {
        String value = result.get();
        assertThat(instanceOf.computeIfAbsent(value, v -> value)).isSameAs(value);
      }
      assertThat(instanceOf).hasSize(5);
    } finally {
      pool.shutdown();
    }
  }
}
