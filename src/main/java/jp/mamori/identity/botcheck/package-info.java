/**
 * The self-hosted bot check (ALTCHA) and the site-verify providers, behind {@link
 * jp.mamori.identity.botcheck.BotCheck}; handlers opt in with {@link jp.mamori.identity.botcheck.BotChecked}.
 * A named interface, so that any module (checkout, against card testing) can guard its forms with it.
 */
@NamedInterface("botcheck")
package jp.mamori.identity.botcheck;

import org.springframework.modulith.NamedInterface;
