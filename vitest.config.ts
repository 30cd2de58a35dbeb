import { defineConfig } from "vitest/config";
import { LEARNER_EDITION, MODULE_CACHE } from "./src/course/course.ts";
import { exerciseResolver } from "./src/course/exercise-file.ts";

const results = process.env.COURSE_RESULTS;
// In the learner edition the working modules run with the learner's own pieces, so npm test runs the course
// checks only; npm run grade and npm run learn run the graded suites.
const include = LEARNER_EDITION && !process.env.COURSE_EXERCISE ? ["test/course/**/*.test.ts"] : ["test/**/*.test.ts"];

export default defineConfig({
  plugins: [exerciseResolver()],
  test: {
    include,
    exclude: ["**/node_modules/**", "test/bench/**"],
    // A guard against hangs, not a timing: the machines that run this may be heavily loaded.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: results ? ["./src/course/grade-reporter.ts"] : ["default", "./src/course/summary-reporter.ts"],
    // Grading keeps the transformed course files between its processes (see exerciseResolver).
    experimental: { fsModuleCache: process.env.COURSE_MODULE_CACHE === "on", fsModuleCachePath: MODULE_CACHE },
  },
});
