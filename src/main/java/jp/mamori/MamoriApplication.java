package jp.mamori;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Mamori: a commerce backend for Japanese online shops in which the protection of customers'
 * personal data is built in. One modular monolith; each top-level package is a module.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Mamori", sharedModules = "platform")
public class MamoriApplication {

	public static void main(String[] args) {
		SpringApplication.run(MamoriApplication.class, args);
	}

}
