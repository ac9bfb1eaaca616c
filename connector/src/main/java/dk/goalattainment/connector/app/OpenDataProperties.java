package dk.goalattainment.connector.app;

import dk.goalattainment.connector.opendata.PublicationMetadata;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Who publishes the open data and where ({@code connector.opendata.*}, env {@code
 * CONNECTOR_OPENDATA_*}): {@code base-url} (where the files are published; default the service's
 * own {@code http://localhost:8080/api/v1/opendata}), {@code publisher-name}, {@code
 * publisher-uri}, {@code contact-name}, {@code contact-email} and {@code landing-page}. Unset or
 * placeholder values make an export a draft and {@code opendata publish} refuse (see {@link
 * PublicationMetadata}); the CLI's flags of the same names override them.
 */
@ConfigurationProperties("connector.opendata")
public record OpenDataProperties(
    @Nullable String baseUrl,
    @Nullable String publisherName,
    @Nullable String publisherUri,
    @Nullable String contactName,
    @Nullable String contactEmail,
    @Nullable String landingPage) {

  /** The configured metadata, over the unconfigured defaults. */
  public PublicationMetadata metadata() {
    return PublicationMetadata.unconfigured()
        .with(
            new PublicationMetadata(
                baseUrl, publisherName, publisherUri, contactName, contactEmail, landingPage));
  }
}
