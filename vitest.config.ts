import { defineConfig } from "vitest/config";
import { exerciseResolver } from "./src/course/exercise-file.ts";

const results = process.env.COURSE_RESULTS;

export default defineConfig({
  plugins: [exerciseResolver()],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "test/bench/**"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: results ? ["./src/course/grade-reporter.ts"] : ["default", "./src/course/summary-reporter.ts"],
  },
});
