/**
 * Who may read and write what: the {@link dk.goalattainment.connector.core.access.Caller} of a
 * request (resolved once from its bearer token), its {@link
 * dk.goalattainment.connector.core.access.Scope}s and org subtrees, and the {@link
 * dk.goalattainment.connector.core.access.AccessPolicy} that every endpoint asks. See {@code
 * docs/SECURITY.md}.
 */
package dk.goalattainment.connector.core.access;
