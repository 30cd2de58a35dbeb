// Closes a test run with one plain line, "N passed, N failed, N skipped", that any CI can read.
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of modules) {
      if (module.errors().length > 0 || module.state() === "failed") count.failed += module.children.size === 0 ? 1 : 0;
      for (const test of module.children.allTests()) count[test.result().state]++;
    }
    process.stdout.write(`\n${count.passed} passed, ${count.failed + count.pending} failed, ${count.skipped} skipped\n`);
  }
}
