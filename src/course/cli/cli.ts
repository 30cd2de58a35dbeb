// What every course command shares: one-line errors for people, and paths resolved against the folder the
// user ran npm from (npm passes it as INIT_CWD), as a real tool resolves them against its working folder.
import { basename, resolve } from "node:path";

const program = basename(process.argv[1] ?? "course", ".ts");

/** Prints `program: message` on stderr and exits with `status` (2: the user's input was wrong). */
export function fail(message: string, status = 2): never {
  process.stderr.write(`${program}: ${message}\n`);
  process.exit(status);
}

/** A path the user typed, resolved against the folder they ran npm from. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Runs node:util parseArgs, turning its errors (an unknown option, a missing value) into one line. */
export function parseOptions<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    return fail(`${(e as Error).message.split("\n")[0]} (see the README for the options)`);
  }
}
