/**
 * The sign-in flow and each way in: password, e-mail code, TOTP and passkey, with the one read before
 * the hash that decides the throttle and the bot check.
 */
package jp.mamori.identity.signin;
