package jp.mamori;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering rules of docs/architecture.md, each for a root package, so that {@link LayeringTests} can
 * run them on Mamori and on a planted violation alike.
 */
final class Layering {

	private Layering() {
	}

	/**
	 * Inside identity: {@code api} and {@code pages} on top, then {@code signin}, {@code factors},
	 * {@code session}, {@code account} and {@code credentials} at the bottom; {@code botcheck} beside
	 * them, on {@code credentials}. A layer uses only layers below it.
	 */
	static ArchRule identityLayers(String identity) {
		return Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true)
			.layer("api").definedBy(identity + ".api..")
			.layer("pages").definedBy(identity + ".pages..")
			.layer("signin").definedBy(identity + ".signin..")
			.layer("factors").definedBy(identity + ".factors..")
			.layer("session").definedBy(identity + ".session..")
			.layer("account").definedBy(identity + ".account..")
			.layer("botcheck").definedBy(identity + ".botcheck..")
			.layer("credentials").definedBy(identity + ".credentials..")
			.whereLayer("api").mayNotBeAccessedByAnyLayer()
			.whereLayer("pages").mayNotBeAccessedByAnyLayer()
			.whereLayer("signin").mayOnlyBeAccessedByLayers("api", "pages")
			.whereLayer("factors").mayOnlyBeAccessedByLayers("signin", "api", "pages")
			.whereLayer("session").mayOnlyBeAccessedByLayers("factors", "signin", "api", "pages")
			.whereLayer("account").mayOnlyBeAccessedByLayers("session", "factors", "signin", "api", "pages")
			.whereLayer("botcheck").mayOnlyBeAccessedByLayers("signin", "api", "pages")
			.whereLayer("credentials")
			.mayOnlyBeAccessedByLayers("botcheck", "account", "session", "factors", "signin", "api", "pages");
	}

	/**
	 * A module's web layer ({@code api}, {@code pages} or {@code web} below the module) sits on top:
	 * no service, store or configuration refers to a controller or a page. The platform's
	 * {@code platform.web} is not such a layer but the web baseline every module builds on.
	 */
	static ArchRule webLayersOnTop(String root) {
		String[] web = { root + ".*.api..", root + ".*.pages..", root + ".*.web.." };
		DescribedPredicate<JavaClass> webLayer = resideInAnyPackage(web)
			.and(DescribedPredicate.not(resideInAPackage(root + ".platform..")));
		return noClasses().that(DescribedPredicate.not(webLayer))
			.should()
			.dependOnClassesThat(webLayer)
			.because("a module's web layer sits on top and nothing below it knows a controller")
			.allowEmptyShould(true);
	}

	/** A module's root package is its API: it names no class of the module's internals. */
	static ArchRule apiIndependentOfInternals(String root) {
		return noClasses().that()
			.resideInAPackage(root + ".(*)")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(root + ".(*).(**)")
			.because("a module's API may not expose or depend on its internals")
			.allowEmptyShould(true);
	}

	static ArchRule freeOfPackageCycles(String root) {
		return SlicesRuleDefinition.slices().matching(root + ".(**)").should().beFreeOfCycles();
	}

}
