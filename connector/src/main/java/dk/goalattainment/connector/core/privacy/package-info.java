/**
 * Privacy at the door: CPR numbers are checked, turned into a keyed pseudonym and an age band, and
 * then forgotten. Nothing here ever puts a CPR number or part of one into a message.
 */
package dk.goalattainment.connector.core.privacy;
