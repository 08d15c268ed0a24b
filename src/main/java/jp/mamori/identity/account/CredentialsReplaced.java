package jp.mamori.identity.account;

import jp.mamori.identity.CustomerId;

/**
 * Published inside the transaction that changed an account's password or e-mail address, after the
 * account layer has revoked the reset and unlock links it keeps. Layers above that keep proofs of
 * their own for the old credentials (the e-mail sign-in code) revoke them in a synchronous listener,
 * so the change and every revocation commit or roll back together. Carries only the account's ID.
 * @param account whose credentials changed
 * @param change {@code password} or {@code email}
 */
public record CredentialsReplaced(CustomerId account, String change) {

}
