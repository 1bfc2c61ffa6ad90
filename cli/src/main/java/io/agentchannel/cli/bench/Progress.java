package io.agentchannel.cli.bench;

import java.io.PrintStream;

/**
 * Where the bench says how far it is: a redrawn bar on a terminal, one plain line per step
 * otherwise (logs, CI). Written to standard error so that the table on standard output stays clean.
 * Used from one thread.
 */
public final class Progress {

  private final PrintStream out;
  private final boolean terminal;
  private final int total;
  private int done;

  /**
   * @param terminal redraw one bar in place instead of printing lines
   * @param total the steps the run will announce
   */
  public Progress(PrintStream out, boolean terminal, int total) {
    this.out = out;
    this.terminal = terminal;
    this.total = Math.max(1, total);
  }

  /** Announces the step that starts now. */
  public void step(String what) {
    done = Math.min(total, done + 1);
    if (terminal) {
      int width = 30;
      int filled = done * width / total;
      String bar = "#".repeat(filled) + " ".repeat(width - filled);
      String line = String.format("\r[%s] %3d%% %-50.50s", bar, done * 100 / total, what);
      out.print(line);
      out.flush();
    } else {
      out.printf("bench [%d/%d] %s%n", done, total, what);
    }
  }

  /** Ends the bar's line. */
  public void finish() {
    if (terminal) {
      out.println();
    }
  }
}
