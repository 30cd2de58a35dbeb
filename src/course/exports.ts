// An exercise and its solution must export the same names with the same types, so the working module
// runs with either. Read with the TypeScript compiler.
import ts from "typescript";
import { program } from "./typecheck.ts";

/** Exported name -> its type as TypeScript prints it. */
export function exportedTypes(files: string[]): Map<string, Map<string, string>> {
  const p = program(files);
  const checker = p.getTypeChecker();
  const out = new Map<string, Map<string, string>>();
  for (const file of files) {
    const source = p.getSourceFile(file);
    const types = new Map<string, string>();
    const module = source && checker.getSymbolAtLocation(source);
    for (const symbol of module ? checker.getExportsOfModule(module) : []) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declaration = target.valueDeclaration ?? target.declarations?.[0];
      const type = target.flags & (ts.SymbolFlags.Value)
        ? checker.getTypeOfSymbolAtLocation(target, declaration!)
        : checker.getDeclaredTypeOfSymbol(target);
      types.set(symbol.name, checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation));
    }
    out.set(file, types);
  }
  return out;
}
