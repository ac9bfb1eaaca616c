/** The PostgreSQL dialect (production store). */
package dk.goalattainment.connector.store.postgres;
