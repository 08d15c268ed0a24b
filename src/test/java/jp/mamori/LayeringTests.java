package jp.mamori;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms inside modules: identity's layers, web layers on top of every module, module APIs that know
 * nothing of their internals, and no package cycles. Each rule is also run against a planted
 * back-reference ({@code jp.mamori.testing.layering}) and must report it, so a rule that stopped
 * matching anything would fail here instead of passing quietly.
 */
class LayeringTests {

	private static final JavaClasses mamori = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("jp.mamori");

	private static final JavaClasses planted = new ClassFileImporter()
		.importPackages("jp.mamori.testing.layering");

	@Test
	void identitysLayersUseOnlyTheLayersBelowThem() {
		Layering.identityLayers("jp.mamori.identity").check(mamori);
	}

	@Test
	void nothingBelowAWebLayerKnowsAControllerOrAPage() {
		Layering.webLayersOnTop("jp.mamori").check(mamori);
	}

	@Test
	void aModulesApiKnowsNothingOfItsInternals() {
		Layering.apiIndependentOfInternals("jp.mamori").check(mamori);
	}

	@Test
	void noPackageDependsOnItselfThroughOthers() {
		Layering.freeOfPackageCycles("jp.mamori").check(mamori);
	}

	@Test
	void aPlantedBackReferenceFromCredentialsToTheApiIsReported() {
		assertViolated(Layering.identityLayers("jp.mamori.testing.layering.identity"));
		assertViolated(Layering.webLayersOnTop("jp.mamori.testing.layering"));
		assertViolated(Layering.freeOfPackageCycles("jp.mamori.testing.layering"));
	}

	private static void assertViolated(ArchRule rule) {
		assertThat(rule.evaluate(planted).hasViolation()).as(rule.getDescription()).isTrue();
	}

}
