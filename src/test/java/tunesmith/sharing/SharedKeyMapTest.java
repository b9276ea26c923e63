package tunesmith.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SharedKeyMapTest {
  private static Map<String, String> given() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("zeta", "1");
    map.put("alpha", "2");
    map.put("mid", "3");
    return map;
  }

  @Test
  void keepsTheGivenOrderAndReadsLikeTheMapItCopies() {
    SharedKeyMap<String, String> copy = SharedKeyMap.copyOf(given());
    assertThat(copy).isEqualTo(given()).hasSameHashCodeAs(given());
    assertThat(new ArrayList<>(copy.keySet())).containsExactly("zeta", "alpha", "mid");
    List<String> visited = new ArrayList<>();
    copy.forEach((key, value) -> visited.add(key + "=" + value));
    assertThat(visited).containsExactly("zeta=1", "alpha=2", "mid=3");
    assertThat(copy.get("alpha")).isEqualTo("2");
    assertThat(copy.get("absent")).isNull();
    assertThat(copy.containsKey("mid")).isTrue();
    assertThat(copy.containsKey("absent")).isFalse();
    assertThat(copy.keySet()).contains("mid").doesNotContain("absent").hasSize(3);
    assertThat(copy.values()).containsExactly("1", "2", "3");
    assertThat(copy.toString()).isEqualTo(given().toString());
    assertThat(SharedKeyMap.copyOf(copy)).isSameAs(copy);
  }

  @Test
  void isImmutable() {
    SharedKeyMap<String, String> copy = SharedKeyMap.copyOf(given());
    assertThatThrownBy(() -> copy.put("new", "4"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.remove("zeta")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue("9"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.keySet().remove("zeta"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.values().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void mapsWithTheSameKeysInTheSameOrderShareThem() {
    SharedInstances shared = new SharedInstances();
    Map<String, String> other = given();
    other.put("zeta", "changed");
    SharedKeyMap<String, String> first =
        SharedKeyMap.copyOf(given(), shared, UnaryOperator.identity());
    SharedKeyMap<String, String> second =
        SharedKeyMap.copyOf(other, shared, UnaryOperator.identity());
    Map<String, String> reordered = new LinkedHashMap<>();
    reordered.put("alpha", "2");
    reordered.put("zeta", "1");
    reordered.put("mid", "3");
    SharedKeyMap<String, String> third =
        SharedKeyMap.copyOf(reordered, shared, UnaryOperator.identity());
    assertThat(first.keySet()).isSameAs(second.keySet());
    assertThat(second.get("zeta")).isEqualTo("changed");
    assertThat(first.keySet()).isNotSameAs(third.keySet());
    assertThat(third).isEqualTo(first);
    assertThat(new ArrayList<>(third.keySet())).containsExactly("alpha", "zeta", "mid");
  }

  @Test
  void valuesAreMappedOnTheWayIn() {
    SharedKeyMap<String, String> upper =
        SharedKeyMap.copyOf(Map.of("k", "v"), new SharedInstances(), String::toUpperCase);
    assertThat(upper).containsExactly(Map.entry("k", "V"));
  }
}
