package tunesmith.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;

/**
 * The layering README's "How it is built" describes: data flows one way between the packages, and
 * only {@code tunesmith.cli} talks to the terminal or ends the process.
 */
class LayeringTest {
  private static JavaClasses production;

  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("tunesmith.(*)..").should().beFreeOfCycles();

  static final ArchRule ONLY_CLI_PRINTS =
      noClasses()
          .that()
          .resideOutsideOfPackage("tunesmith.cli..")
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("only tunesmith.cli prints (README: How it is built)");

  static final ArchRule ONLY_CLI_EXITS =
      noClasses()
          .that()
          .resideOutsideOfPackage("tunesmith.cli..")
          .should()
          .callMethod(System.class, "exit", int.class)
          .orShould()
          .callMethod(Runtime.class, "exit", int.class)
          .orShould()
          .callMethod(Runtime.class, "halt", int.class)
          .because("only tunesmith.cli decides the exit code");

  /** The profile package is read by the stages and reads none of them (docs/TARGETS.md). */
  static final ArchRule PROFILE_IS_LOW =
      noClasses()
          .that()
          .resideInAPackage("tunesmith.profile..")
          .should()
          .dependOnClassesThat(
              DescribedPredicate.describe(
                  "are outside tunesmith.profile and tunesmith.keys",
                  c ->
                      c.getPackageName().startsWith("tunesmith.")
                          && !c.getPackageName().startsWith("tunesmith.profile")
                          && !c.getPackageName().startsWith("tunesmith.keys")));

  /** Outside the profile package no code names a version: the stages ask the profile they get. */
  static final ArchRule ONLY_PROFILES_NAME_A_VERSION =
      noClasses()
          .that()
          .resideOutsideOfPackage("tunesmith.profile..")
          .should()
          .accessFieldWhere(
              DescribedPredicate.describe(
                  "is a built-in profile of Profiles",
                  (JavaFieldAccess access) ->
                      access.getTargetOwner().isEquivalentTo(Profiles.class)
                          && access.getTarget().getRawType().isEquivalentTo(Profile.class)))
          .because("a version's differences belong to its profile (docs/TARGETS.md)");

  @BeforeAll
  static void importProduction() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("tunesmith");
  }

  @Test
  void theProductionCodeIsImported() {
    // A rule over no classes passes vacuously; make sure the import found the code.
    assertThat(production.stream().map(c -> c.getPackageName()).distinct())
        .contains("tunesmith.cli", "tunesmith.plan", "tunesmith.scaffold", "tunesmith.slurm");
  }

  @Test
  void noCyclesBetweenPackages() {
    NO_PACKAGE_CYCLES.check(production);
  }

  @Test
  void onlyTheCliPrints() {
    ONLY_CLI_PRINTS.check(production);
  }

  @Test
  void onlyTheCliExits() {
    ONLY_CLI_EXITS.check(production);
  }

  @Test
  void theProfilePackageDependsOnNoStage() {
    PROFILE_IS_LOW.check(production);
  }

  @Test
  void onlyTheProfilePackageNamesAVersion() {
    ONLY_PROFILES_NAME_A_VERSION.check(production);
  }

  /** Tools that skip Maven's {@code target/} folders would skip a source folder of that name. */
  @Test
  void noPackageIsNamedTarget() {
    assertThat(production.stream().map(c -> c.getPackageName()).distinct())
        .noneMatch(name -> java.util.List.of(name.split("\\.")).contains("target"));
  }

  @Test
  void theRulesCatchViolations() {
    JavaClasses offenders =
        new ClassFileImporter()
            .importClasses(
                Offenders.Printer.class, Offenders.Exiter.class, Offenders.VersionNamer.class);
    EvaluationResult printing = ONLY_CLI_PRINTS.evaluate(offenders);
    EvaluationResult exiting = ONLY_CLI_EXITS.evaluate(offenders);
    assertThat(printing.hasViolation()).isTrue();
    assertThat(printing.getFailureReport().toString()).contains("Offenders$Printer");
    assertThat(exiting.hasViolation()).isTrue();
    assertThat(exiting.getFailureReport().toString()).contains("Offenders$Exiter");
    EvaluationResult naming = ONLY_PROFILES_NAME_A_VERSION.evaluate(offenders);
    assertThat(naming.hasViolation()).isTrue();
    assertThat(naming.getFailureReport().toString()).contains("Offenders$VersionNamer");

    JavaClasses cycle =
        new ClassFileImporter()
            .importClasses(
                tunesmith.architecture.cyclea.A.class, tunesmith.architecture.cycleb.B.class);
    assertThat(
            slices()
                .matching("tunesmith.architecture.(*)..")
                .should()
                .beFreeOfCycles()
                .evaluate(cycle)
                .hasViolation())
        .isTrue();
  }
}
