package dk.goalattainment.connector.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one access rule, on a small org tree: SOC → FBU → BC, SOC → SUV. */
class AccessPolicyTest {
  /** A hand-written org tree: each unit's parent. */
  static final Map<String, String> PARENTS = Map.of("FBU", "SOC", "BC", "FBU", "SUV", "SOC");

  static final OrgSubtrees TREE =
      (unit, roots) -> {
        for (String u = unit; u != null; u = PARENTS.get(u)) {
          if (roots.contains(u)) {
            return true;
          }
        }
        return false;
      };

  final AccessPolicy policy = new AccessPolicy(TREE);

  static Caller caller(Set<Scope> scopes, Set<String> orgs) {
    return new Caller("t", scopes, orgs);
  }

  @Test
  void anAnonymousCallerOrAWriterGetsPublicFigures() {
    assertThat(policy.figures(Caller.ANONYMOUS, "SOC")).isEqualTo(FigureAccess.PUBLIC);
    assertThat(policy.figures(caller(Set.of(Scope.WRITE), Set.of()), "SOC"))
        .isEqualTo(FigureAccess.PUBLIC);
  }

  @Test
  void aReaderSeesFullFiguresInsideItsSubtreesAndNothingOutside() {
    Caller fbu = caller(Set.of(Scope.READ), Set.of("FBU"));

    assertThat(policy.figures(fbu, "FBU")).isEqualTo(FigureAccess.FULL);
    assertThat(policy.figures(fbu, "BC")).isEqualTo(FigureAccess.FULL);
    assertThat(policy.figures(fbu, "SOC")).isEqualTo(FigureAccess.FORBIDDEN);
    assertThat(policy.figures(fbu, "SUV")).isEqualTo(FigureAccess.FORBIDDEN);
    assertThat(policy.figures(fbu, "NOPE")).isEqualTo(FigureAccess.FORBIDDEN);
    assertThat(policy.figures(caller(Set.of(Scope.READ), Set.of()), "NOPE"))
        .as("an unlimited reader is told the unit does not exist by the report itself")
        .isEqualTo(FigureAccess.FULL);
  }

  @Test
  void readCitizenIncludesRead() {
    Caller drill = caller(Set.of(Scope.READ_CITIZEN), Set.of("BC"));

    assertThat(drill.has(Scope.READ)).isTrue();
    assertThat(policy.figures(drill, "BC")).isEqualTo(FigureAccess.FULL);
    assertThat(caller(Set.of(Scope.READ), Set.of()).has(Scope.READ_CITIZEN)).isFalse();
  }

  @Test
  void aMissingScopeIs401WithoutATokenAnd403WithOne() {
    ConnectorException anonymous =
        catchThrowableOfType(
            ConnectorException.class, () -> policy.require(Caller.ANONYMOUS, Scope.WRITE));
    ConnectorException reader =
        catchThrowableOfType(
            ConnectorException.class,
            () -> policy.require(caller(Set.of(Scope.READ), Set.of()), Scope.READ_CITIZEN));

    assertThat(anonymous.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(anonymous.getMessage()).contains("write scope");
    assertThat(reader.code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(reader.getMessage()).contains("read:citizen");
  }

  @Test
  void aWriteTokenCannotBeLimitedToOrgs() {
    assertThatThrownBy(() -> caller(Set.of(Scope.WRITE), Set.of("FBU")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
