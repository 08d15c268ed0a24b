/**
 * The ground of identity: password hashing and policy, the per-source throttle and the account lockout,
 * TOTP and recovery codes, user IDs, the client source of a request, sign-in results and the module's
 * settings. Everything above it in identity may use it; it uses nothing of identity but the module's API.
 * A named interface, because the staff module signs its members in with the same pieces.
 */
@NamedInterface("credentials")
package jp.mamori.identity.credentials;

import org.springframework.modulith.NamedInterface;
