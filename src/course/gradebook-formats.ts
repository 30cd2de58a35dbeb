// A grade report in the formats other tools read: JUnit XML (CI servers, LMS plugins) and the result
// payload of GitHub Classroom's autograding actions (classroom-resources/autograding-grading-reporter
// reads it, base64-encoded, from the environment variable <RUNNER>_RESULTS).
import type { GradeReport } from "./report.ts";

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!)
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

/** One <testsuite> per exercise, one <testcase> per graded test; a lost exercise without tests is one failing case. */
export function toJUnit(report: GradeReport): string {
  const suites = report.exercises.map((g) => {
    const cases = g.tests.length
      ? g.tests.map((t) => {
          const body =
            t.state === "passed" ? "" : t.state === "skipped" ? `<skipped message="${xml(t.notGradable ?? "skipped")}"/>` : `<failure message="${xml((t.message ?? "failed").split("\n")[0])}">${xml(t.message ?? "")}</failure>`;
          return `    <testcase classname="${xml(g.id)}" name="${xml(t.name)} (${t.points} points)">${body}</testcase>`;
        })
      : [`    <testcase classname="${xml(g.id)}" name="${xml(g.id)}"><failure message="${xml((g.reason ?? g.status).split("\n")[0])}">${xml(g.reason ?? "")}</failure></testcase>`];
    const failures = g.tests.length ? g.tests.filter((t) => t.state === "failed" || t.state === "pending").length : 1;
    const skipped = g.tests.filter((t) => t.state === "skipped").length;
    return [
      `  <testsuite name="${xml(g.id)}" tests="${Math.max(1, g.tests.length)}" failures="${failures}" skipped="${skipped}" time="${g.seconds.toFixed(3)}">`,
      `    <properties><property name="points" value="${g.earned}/${g.possible}"/><property name="status" value="${g.status}"/></properties>`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  const tests = report.exercises.reduce((n, g) => n + Math.max(1, g.tests.length), 0);
  const failures = report.exercises.reduce((n, g) => n + (g.tests.length ? g.tests.filter((t) => t.state === "failed" || t.state === "pending").length : 1), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vm-from-source grade ${report.earned}/${report.possible}" tests="${tests}" failures="${failures}">\n${suites.join("\n")}\n</testsuites>\n`;
}

export interface ClassroomResult {
  version: 1;
  status: "pass" | "fail" | "error";
  max_score: number;
  tests: { name: string; status: "pass" | "fail" | "error"; message: string | null; line_no: null; execution_time: string; score: number }[];
}

/** The autograding result: one test per exercise, scored with the points it earned. */
export function toClassroom(report: GradeReport): ClassroomResult {
  const tests = report.exercises
    .filter((g) => g.status !== "not-gradable")
    .map((g) => ({
      name: g.id,
      status: g.status === "passed" ? ("pass" as const) : g.status === "error" || g.status === "timeout" ? ("error" as const) : ("fail" as const),
      message: g.reason ?? null,
      line_no: null,
      execution_time: `${Math.round(g.seconds * 1000)}ms`,
      score: g.earned,
    }));
  const status = tests.every((t) => t.status === "pass") ? "pass" : tests.some((t) => t.status === "fail") ? "fail" : "error";
  return { version: 1, status, max_score: report.possible, tests };
}

/** The payload as the reporter action reads it from <RUNNER>_RESULTS. */
export function classroomPayload(report: GradeReport): string {
  return Buffer.from(JSON.stringify(toClassroom(report))).toString("base64");
}
