/**
 * Customers' sessions in PostgreSQL: the session list and remote sign-out, lifetimes, the statements
 * that write a new session with its commit, sign-in history and the sign-in notices sent from it.
 */
package jp.mamori.identity.session;
