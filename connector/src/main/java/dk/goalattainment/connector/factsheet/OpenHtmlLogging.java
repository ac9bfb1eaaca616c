package dk.goalattainment.connector.factsheet;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's log through SLF4J (it writes to its own console handler otherwise). Its INFO
 * chatter goes to DEBUG, and so do stylesheet warnings (the stylesheet has screen-only rules it
 * does not know).
 */
final class OpenHtmlLogging implements XRLogger {
  private static final Logger LOG = LoggerFactory.getLogger("com.openhtmltopdf");

  private OpenHtmlLogging() {}

  /** Installs the bridge (once; idempotent). */
  static synchronized void install() {
    XRLog.setLoggerImpl(new OpenHtmlLogging());
  }

  private static boolean quiet(String where, Level level) {
    return level.intValue() < Level.WARNING.intValue() || XRLog.CSS_PARSE.equals(where);
  }

  @Override
  public void log(String where, Level level, String msg) {
    log(where, level, msg, null);
  }

  @Override
  public void log(String where, Level level, String msg, Throwable th) {
    if (level.intValue() >= Level.SEVERE.intValue()) {
      LOG.error("{}: {}", where, msg, th);
    } else if (!quiet(where, level)) {
      LOG.warn("{}: {}", where, msg, th);
    } else {
      LOG.debug("{}: {}", where, msg, th);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {}

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return diagnostic.getLevel().intValue() >= Level.WARNING.intValue() || LOG.isDebugEnabled();
  }
}
