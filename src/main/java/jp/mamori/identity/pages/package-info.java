/**
 * The customer's pages (Thymeleaf): sign-in, registration, account, sessions, passkeys, password reset;
 * their security chain, {@link jp.mamori.identity.pages.PagePaths} and field errors. Nothing below this package
 * knows it.
 */
package jp.mamori.identity.pages;
