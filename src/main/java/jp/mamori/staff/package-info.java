/**
 * The operator's staff: accounts created by an administrator, setup tokens, sign-in with a password and
 * TOTP, roles and the permissions every module's staff endpoints declare. Its API is what other modules
 * need to declare a staff endpoint: {@link jp.mamori.staff.StaffId}, {@link jp.mamori.staff.Permission},
 * {@link jp.mamori.staff.StaffPermission} and {@link jp.mamori.staff.CurrentStaff}.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "mail", "vault", "identity", "identity::credentials",
		"identity::botcheck" })
package jp.mamori.staff;

import org.springframework.modulith.ApplicationModule;
