// Runs Python 3 programs in the real python3: the oracle of chapter 05. Many programs go to one process.
import { execFileSync } from "node:child_process";
import { expect } from "vitest";
import { Session } from "../../src/cpython/pylist/session.ts";

export function python(program: string, input?: string): string {
  return execFileSync("python3", ["-c", program], { encoding: "utf8", timeout: 120_000, maxBuffer: 1 << 30, input });
}

/** After one statement: its output (a repr, or "TypeError: ..."), then repr(a) and sys.getsizeof(a) if a is a list. */
export type Step = [output: string, repr: string | null, size: number | null];

/** Runs each program (a list of statements, each in a fresh namespace) in python3, in one process. */
export function runInPython(programs: string[][]): Step[][] {
  const harness = `
import sys, json
out = []
for prog in json.load(sys.stdin):
    ns, res = {}, []
    for stmt in prog:
        try:
            try:
                code, is_expr = compile(stmt, '<pylist>', 'eval'), True
            except SyntaxError:
                code, is_expr = compile(stmt, '<pylist>', 'exec'), False
            r = eval(code, ns) if is_expr else exec(code, ns)
            o = '' if r is None else repr(r)
        except Exception as e:
            o = type(e).__name__ + (': ' + str(e) if str(e) else '')
        a = ns.get('a')
        res.append([o, repr(a), sys.getsizeof(a)] if type(a) is list else [o, None, None])
    out.append(res)
json.dump(out, sys.stdout)
`;
  return JSON.parse(python(harness, JSON.stringify(programs))) as Step[][];
}

/** The same programs in our pylist engine. */
export function runInOurs(programs: string[][]): Step[][] {
  return programs.map((prog) => {
    const s = new Session();
    const steps = prog.map((stmt): Step => {
      const r = s.run(stmt);
      const a = r.lists.find((l) => l.name === "a");
      return a ? [r.output, s.reprOf("a"), a.sizeof] : [r.output, null, null];
    });
    s.close();
    return steps;
  });
}

/**
 * Runs the programs in python3 and in ours; after every statement the output, repr(a) and
 * sys.getsizeof(a) must be the same. The message shows the statements up to the first difference.
 */
export function expectSameAsPython(programs: string[][]): void {
  const theirs = runInPython(programs);
  const ours = runInOurs(programs);
  programs.forEach((prog, i) => {
    prog.forEach((stmt, j) => {
      const [out, repr, size] = ours[i][j];
      const [pOut, pRepr, pSize] = theirs[i][j];
      const context = `after ${JSON.stringify(prog.slice(0, j + 1).join("; "))}`;
      expect(out, `${context}: the statement's result (python3's on the right)`).toBe(pOut);
      expect(repr, `${context}: the list a`).toBe(pRepr);
      expect(size, `${context}: sys.getsizeof(a), that is 56 + 8 * allocated`).toBe(pSize);
    });
  });
}
