/**
 * The customer's JSON API under {@code /api/v1}: controllers that map the services' results to HTTP,
 * the API's security chain and {@link jp.mamori.identity.api.ApiPaths}. Nothing below this package knows it.
 */
package jp.mamori.identity.api;
