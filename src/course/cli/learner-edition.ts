// npm run learner-edition -- DIR: writes a copy of the course for a class, without solutions/.
import { LEARNER_EDITION } from "../course.ts";
import { writeLearnerEdition } from "../edition.ts";
import { fail, userPath } from "./cli.ts";

const [target, ...rest] = process.argv.slice(2);
if (!target || rest.length > 0) fail("usage: npm run learner-edition -- DIR (a new folder)");
if (LEARNER_EDITION) fail("this is already a learner edition: run the command in the full edition");
const dir = userPath(target);
try {
  const n = writeLearnerEdition(dir);
  console.log(`wrote the learner edition to ${dir} (${n} files, no solutions/)\nthere: npm install && npm run learn`);
} catch (e) {
  fail((e as Error).message);
}
