/** Domain records: org units, goals, follow-ups and the value types they use. */
package dk.goalattainment.connector.core.model;
