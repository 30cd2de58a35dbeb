// The oracle for our assembler: GNU as (binutils) assembles a .code16 file, ld places it at the origin
// (as a boot sector is placed at 0x7c00), objcopy takes out the raw bytes, nm lists the symbols.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface GnuOutput {
  bytes: Uint8Array;
  symbols: Map<string, number>;
}

/** Assembles and links one source with GNU as and ld; throws with gas's messages when it refuses. */
export function gnuAssemble(source: string, origin = 0x7c00): GnuOutput {
  const dir = mkdtempSync(join(tmpdir(), "gnu-as-"));
  try {
    const run = (cmd: string, args: string[]) => {
      try {
        return execFileSync(cmd, args, { cwd: dir, encoding: "latin1", stdio: ["ignore", "pipe", "pipe"] });
      } catch (e) {
        throw new Error(`${cmd} failed: ${(e as { stderr?: string }).stderr ?? String(e)}`);
      }
    };
    writeFileSync(join(dir, "g.s"), source);
    run("as", ["--32", "-o", "g.o", "g.s"]);
    run("ld", ["-m", "elf_i386", `-Ttext=0x${origin.toString(16)}`, "-e", `0x${origin.toString(16)}`, "-o", "g.elf", "g.o"]);
    run("objcopy", ["-O", "binary", "-j", ".text", "g.elf", "g.bin"]);
    const symbols = new Map<string, number>();
    for (const line of run("nm", ["g.elf"]).split("\n")) {
      const m = /^([0-9a-f]+) \w (\S+)$/.exec(line);
      if (m) symbols.set(m[2]!, parseInt(m[1]!, 16));
    }
    return { bytes: new Uint8Array(readFileSync(join(dir, "g.bin"))), symbols };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
