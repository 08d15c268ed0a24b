package jp.mamori.identity.credentials;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where identity's key lives, bound from {@code mamori.identity.keys.*}; see docs/keys.md.
 *
 * @param file file holding the current HMAC-SHA256 key of mailed codes, link tokens and session IDs
 * (base64 of 32 random bytes); empty means a development key generated beside the data, refused in
 * production
 * @param previousFiles files of retired keys, still accepted for the codes and links they made
 */
@ConfigurationProperties("mamori.identity.keys")
public record IdentityKeyProperties(@DefaultValue("") String file, @DefaultValue("") List<String> previousFiles) {

	public IdentityKeyProperties {
		previousFiles = List.copyOf(previousFiles);
	}

}
