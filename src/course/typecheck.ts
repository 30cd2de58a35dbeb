// Type-checks learner files with the project's own compiler options, in one program, so that a file that
// does not compile costs its exercise's points with the compiler's own message instead of a crash later.
import { dirname, relative } from "node:path";
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

/** A compiled program over `files`, for tools that read exported types (the exports check). */
export function program(files: string[]): ts.Program {
  return ts.createProgram(files, compilerOptions());
}
