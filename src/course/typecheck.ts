// Type-checks learner files with the project's own compiler options, in one program, so that a file that
// does not compile costs its exercise's points with the compiler's own message instead of a crash later.
import { spawn } from "node:child_process";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { ROOT } from "./course.ts";

function compilerOptions(): ts.CompilerOptions {
  const configPath = ts.findConfigFile(ROOT, ts.sys.fileExists, "tsconfig.json")!;
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath)).options;
}

function format(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
  if (!d.file || d.start === undefined) return `error TS${d.code}: ${text}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${relative(ROOT, d.file.fileName)}:${line + 1}:${character + 1} - error TS${d.code}: ${text}`;
}

/** Compiler errors per file (absolute paths); files that compile are absent from the map. */
export function typecheck(files: string[]): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  if (files.length === 0) return errors;
  const program = ts.createProgram(files, compilerOptions());
  for (const file of files) {
    const source = program.getSourceFile(file);
    const diagnostics = source
      ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      : [];
    if (diagnostics.length > 0) errors.set(file, diagnostics.map(format));
  }
  return errors;
}

/**
 * The same check in a process of its own, so the suites can start while the compiler works: on two cores
 * the compiler's seconds then overlap the first suites instead of coming before them all. If the check
 * itself cannot run, every file gets that reason as its error: nothing is graded unchecked.
 */
export function typecheckInBackground(files: string[]): Promise<Map<string, string[]>> {
  if (files.length === 0) return Promise.resolve(new Map());
  const tsx = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [tsx, join(ROOT, "src", "course", "cli", "typecheck.ts")], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  child.stdin.end(JSON.stringify(files));
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((done) => {
    const stopped = (why: string) => done(new Map(files.map((f) => [f, [`the type check stopped: ${why}`]])));
    child.on("error", (e) => stopped(e.message));
    child.on("close", (code) => {
      if (code === 0) done(new Map(JSON.parse(out) as [string, string[]][]));
      else stopped(`exit ${code}: ${err.trim().split("\n")[0]}`);
    });
  });
}

/** A compiled program over `files`, for tools that read exported types (the exports check). */
export function program(files: string[]): ts.Program {
  return ts.createProgram(files, compilerOptions());
}
