/**
 * Staff accounts, setup tokens, sign-in with TOTP, staff sessions, the access interceptor that enforces
 * {@link jp.mamori.staff.StaffPermission} and the filter that writes every staff action to the operation log.
 */
package jp.mamori.staff.internal;
