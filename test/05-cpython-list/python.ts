// Runs a Python 3 program in the real python3 and returns what it printed: the oracle of chapter 05.
import { execFileSync } from "node:child_process";

export function python(program: string): string {
  return execFileSync("python3", ["-c", program], { encoding: "utf8", timeout: 60_000, maxBuffer: 256 << 20 });
}
