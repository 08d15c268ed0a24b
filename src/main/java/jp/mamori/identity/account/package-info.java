/**
 * Customers' accounts and what changes them: registration with a confirmed e-mail address,
 * password and e-mail changes, password resets, closing an account, forced resets, unlock links and lockout
 * mails, and the staff console's view of a customer ({@link jp.mamori.identity.CustomerSupport}).
 */
package jp.mamori.identity.account;
