package jp.mamori;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(MamoriApplication.class,
			JavaClass.Predicates.resideInAPackage("jp.mamori.testing.."));

	@Test
	void modulesRespectTheirDeclaredBoundaries() {
		this.modules.verify();
	}

	@Test
	void theFoundationModulesExist() {
		assertThat(this.modules.stream().map((module) -> module.getIdentifier().toString()))
			.contains("platform", "audit", "mail");
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules).writeDocumentation();
	}

}
