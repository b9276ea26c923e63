package tunesmith.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.testing.CruijffExtractLoss;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Seeds;

/** The loss curve and final loss, read as cruijff_kit's extract_loss reads torchtune's stdout. */
class LossCurveTest {
  static final Path FIXTURE = Fixtures.resource("summarize/torchtune/slurm_training_output.txt");

  @TempDir Path temp;

  @Test
  void cruijffKitsOwnFixtureGivesItsFinalLossAndEighteenPoints() throws Exception {
    List<LossPoint> curve = LossCurve.read(FIXTURE);
    // What cruijff_kit's own test expects of this file (tests/unit/test_summarize_fixtures.py).
    assertThat(curve).hasSize(18);
    assertThat(curve.get(curve.size() - 1)).isEqualTo(new LossPoint(2, 500, 0.26427456736564636));
    assertThat(curve.get(0)).isEqualTo(new LossPoint(1, 40, 10.480173110961914));
    // Two losses share the first progress line, between carriage returns.
    assertThat(curve.get(1)).isEqualTo(new LossPoint(1, 41, 11.064162254333496));
    assertThat(curve).extracting(LossPoint::step).isSorted();
  }

  @Test
  void theFixtureReadsAsCruijffKitsExtractLossReadsIt() throws Exception {
    Optional<Path> script = CruijffExtractLoss.fromMirror(temp);
    if (script.isEmpty()) {
      System.out.println(
          "LossCurveTest: no cruijff_kit mirror at "
              + CruijffExtractLoss.MIRROR
              + ": compared with the expectations recorded from it (README beside the fixture)");
      assertThat(points(LossCurve.read(FIXTURE)).get(17))
          .isEqualTo(List.of(2L, 500L, 0.26427456736564636));
      return;
    }
    List<Object> expected = CruijffExtractLoss.run(script.get(), List.of(FIXTURE));
    assertThat(points(LossCurve.read(FIXTURE))).isEqualTo(expected.get(0));
  }

  static Stream<Object[]> seeds() {
    return Seeds.cases("LossCurveTest", 1).map(arguments -> arguments.get());
  }

  /**
   * Random torchtune-like output (tqdm bars, carriage returns, validation lines, partial numbers,
   * bytes that are not UTF-8) read by tunesmith and by cruijff_kit's extract_loss: the same points,
   * or both refuse the file. One Python process checks 200 files.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomOutputReadsAsExtractLossReadsIt(long seed) throws Exception {
    Optional<Path> script = CruijffExtractLoss.fromMirror(temp);
    List<Path> files = new ArrayList<>();
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      Path file = temp.resolve("out-" + i + ".txt");
      Files.write(file, randomOutput(random));
      files.add(file);
    }
    if (script.isEmpty()) {
      System.out.println(
          "LossCurveTest: no cruijff_kit mirror; the random cases need it: "
              + "checked that each file reads without an exception other than NotANumber");
      for (Path file : files) {
        try {
          LossCurve.read(file);
        } catch (LossCurve.NotANumber expected) {
          // extract_loss raises ValueError on the same text.
        }
      }
      return;
    }
    List<Object> expected = CruijffExtractLoss.run(script.get(), files);
    for (int i = 0; i < files.size(); i++) {
      Object reference = expected.get(i);
      Path file = files.get(i);
      if (reference instanceof Map<?, ?> error) {
        assertThatThrownBy(() -> LossCurve.read(file))
            .as("%s: extract_loss raised %s", file, error.get("error"))
            .isInstanceOf(LossCurve.NotANumber.class);
      } else {
        assertThat(points(LossCurve.read(file)))
            .as("%s (seed %d)\n%s", file, seed, Files.readString(file, StandardCharsets.ISO_8859_1))
            .isEqualTo(reference);
      }
    }
  }

  @Test
  void aLossThatIsNotANumberIsNamedWithItsLine() {
    assertThatThrownBy(() -> LossCurve.parse("setup\n1|2|Loss: 0.5\n1|3|Loss: 1.2.3:  5%|"))
        .isInstanceOf(LossCurve.NotANumber.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'1.2.3'");
  }

  @Test
  void nanAndValidationLinesAreNotLosses() throws Exception {
    assertThat(LossCurve.parse("1|5|Loss: nan\nValidation loss: 0.3\n1|6|Loss: 0.25"))
        .containsExactly(new LossPoint(1, 6, 0.25));
  }

  private static List<Object> points(List<LossPoint> curve) {
    List<Object> points = new ArrayList<>();
    for (LossPoint point : curve) {
      points.add(List.of((long) point.epoch(), point.step(), point.loss()));
    }
    return points;
  }

  private static final String[] PIECES = {
    "|Loss: ",
    "Loss: ",
    "|",
    "\r",
    "\n",
    "\r\n",
    " ",
    ":  16%|",
    "it/s]",
    "Validation loss: ",
    "e",
    "E",
    "-",
    "+",
    ".",
    "nan",
    "inf",
    "1|",
    "12|",
    "0.5",
    "1e-3",
    "3.25e+2",
    "7",
    "0",
    "99"
  };

  private static byte[] randomOutput(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(60);
    for (int i = 0; i < pieces; i++) {
      if (random.nextInt(4) == 0) {
        text.append(random.nextInt(3))
            .append('|')
            .append(random.nextInt(1000))
            .append("|Loss: ")
            .append(random.nextBoolean() ? Double.toString(random.nextDouble() * 12) : "0.5");
        text.append(random.nextBoolean() ? ":  16%|██▌ | 40/250 [00:19<01:44,  2.00it/s]" : "");
        text.append(random.nextBoolean() ? "\r" : "\n");
      } else {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
    }
    byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 0 && random.nextInt(10) == 0) {
      utf8[random.nextInt(utf8.length)] = (byte) 0xff;
    }
    return utf8;
  }
}
