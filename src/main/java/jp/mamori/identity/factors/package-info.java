/**
 * Second factors: TOTP enrolment and passkeys (WebAuthn) with their challenges and notices.
 */
package jp.mamori.identity.factors;
