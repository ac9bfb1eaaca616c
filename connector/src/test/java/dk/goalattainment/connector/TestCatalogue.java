package dk.goalattainment.connector;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import java.nio.file.Path;

/** The repository's own catalogue, read from {@code dataset-definitions/}. */
public final class TestCatalogue {
  private static Catalogue catalogue;

  private TestCatalogue() {}

  /** The {@code dataset-definitions} directory of the repository. */
  public static Path definitionsDir() {
    return Path.of(System.getProperty("definitions.dir", "../dataset-definitions"));
  }

  public static synchronized Catalogue get() {
    if (catalogue == null) {
      catalogue = CatalogueLoader.load(new DefinitionFiles(definitionsDir()));
    }
    return catalogue;
  }
}
