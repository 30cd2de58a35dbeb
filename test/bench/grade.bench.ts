// Grading speed: every exercise of one learner, and a class of 30 submissions graded in parallel.
// Target: one learner's full grading in under 60 seconds on a 2-core machine.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { MODULE_CACHE, ROOT, allExercises } from "../../src/course/course.ts";
import { grade } from "../../src/course/report.ts";
import { createSandbox } from "../../src/course/sandbox.ts";
import { gradeClass, type Submission } from "../../src/course/submissions.ts";

const exercises = allExercises();
const jobs = Math.min(2, availableParallelism());
const seconds = (t: bigint) => (Number(process.hrtime.bigint() - t) / 1e9).toFixed(1);

// The first grading transforms the course's files and caches them; the ones after it read the cache.
rmSync(MODULE_CACHE, { recursive: true, force: true });
let t: bigint;
for (const when of ["first run, empty module cache", "next run"]) {
  t = process.hrtime.bigint();
  const one = await grade(exercises, "solutions", 60, jobs);
  console.log(`one learner, ${exercises.length} exercise(s), ${jobs} jobs, ${when}: ${seconds(t)} s (${one.earned}/${one.possible} points; target < 60 s)`);
}

const dir = mkdtempSync(join(tmpdir(), "bench-class-"));
try {
  const submissions: Submission[] = Array.from({ length: 30 }, (_, i) => ({ learner: `learner${i}`, dir: join(dir, `learner${i}`) }));
  for (const s of submissions) {
    for (const e of exercises) {
      const to = join(s.dir, e.exercise);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, readFileSync(join(ROOT, e.solution)));
    }
  }
  let sandbox;
  try {
    sandbox = createSandbox(1024);
  } catch (e) {
    console.log(`(class grading without the sandbox: ${(e as Error).message})`);
  }
  t = process.hrtime.bigint();
  const reports = await gradeClass(submissions, exercises, { timeout: 60, jobs, sandbox });
  const full = reports.filter((r) => r.earned === r.possible).length;
  console.log(`30 submissions x ${exercises.length} exercise(s), ${jobs} jobs${sandbox ? `, sandboxed (${sandbox.memory})` : ""}: ${seconds(t)} s (${full}/30 full marks)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
