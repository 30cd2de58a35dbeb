// The type check of typecheckInBackground: learner files (a JSON list on stdin) in, their compiler errors
// (a JSON list of [file, errors] pairs) out.
import { readFileSync } from "node:fs";
import { typecheck } from "../typecheck.ts";

const files = JSON.parse(readFileSync(0, "utf8")) as string[];
process.stdout.write(JSON.stringify([...typecheck(files)]));
