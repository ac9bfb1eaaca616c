/**
 * The command line ({@code connector.jar}), with picocli on a Micronaut application context:
 * ingest, report, demo and the commands of later adapters. Failures print the error and every
 * record error to stderr and exit non-zero (2 for invalid input).
 */
package dk.goalattainment.connector.cli;
