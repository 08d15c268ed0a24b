/**
 * A planted violation of every layering rule, which {@code LayeringTests} must report: the credentials
 * layer refers back to the API layer, and the API layer to credentials (a cycle).
 */
package jp.mamori.testing.layering;
