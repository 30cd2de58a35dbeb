// Guest images from assembly sources, built by GNU as and ld, the way the boot sectors of the chapter are
// meant to be built by hand:
//   as --32 -o hello.o hello.s && ld -m elf_i386 -Ttext 0x7c00 --oformat binary -o hello.img hello.o
// A source with `.code64` is a long-mode guest, linked at 0 instead. Images are cached under build/guests.
// Where binutils is missing, real-mode guests are built by our own assembler (src/kvm/asm/), whose bytes
// equal GNU as's for every guest it can assemble (test/01-kvm/guests.test.ts checks).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { assemble } from "./asm/assemble.ts";
import { BOOT_SECTOR_ADDR } from "./vm.ts";

export type GuestMode = "real" | "long";

export interface GuestImage {
  bytes: Uint8Array;
  mode: GuestMode;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(ROOT, "build", "guests");
/** The guests shipped with the chapter. */
export const GUESTS = fileURLToPath(new URL("./guests", import.meta.url));

export function guestMode(source: string): GuestMode {
  return /^\s*\.code64\b/m.test(source) ? "long" : "real";
}

function run(command: string, args: string[], file: string): void {
  const r = spawnSync(command, args, { encoding: "utf8" });
  if (r.error) throw new Error(`${command} is needed to assemble ${basename(file)}: apt-get install binutils`);
  if (r.status !== 0) {
    const first = (r.stderr || r.stdout).split("\n").find((l) => /error|Error/.test(l)) ?? r.stderr.split("\n")[0];
    throw new Error(`${basename(file)}: ${first.replace(/^.*?\.s:/, "line ").trim()}`);
  }
}

/** Assembles and links the .s file at `path` into a raw image with GNU as and ld. */
export function assembleWithGas(path: string): GuestImage {
  const source = readFileSync(path, "utf8");
  const mode = guestMode(source);
  const key = createHash("sha256").update(source).digest("hex").slice(0, 16);
  const name = `${basename(path, ".s")}-${key}.img`;
  if (existsSync(join(CACHE, name))) return { bytes: new Uint8Array(readFileSync(join(CACHE, name))), mode };
  // A user who may not write the course's build folder (class grading's unprivileged user) assembles in a
  // private folder of its own and keeps nothing, so no submission can leave an image for another to run.
  const dir = writable(CACHE) ? CACHE : mkdtempSync(join(tmpdir(), "course-guest-"));
  const image = join(dir, name);
  const object = `${image}.${process.pid}.o`;
  const temp = `${image}.${process.pid}`;
  try {
    run("as", [mode === "long" ? "--64" : "--32", "-o", object, path], path);
    const [emulation, origin] = mode === "long" ? ["elf_x86_64", 0] : ["elf_i386", BOOT_SECTOR_ADDR];
    run("ld", ["-m", emulation, "-Ttext", `0x${origin.toString(16)}`, "-e", "_start", "--oformat", "binary", "-o", temp, object], path);
    renameSync(temp, image);
    return { bytes: new Uint8Array(readFileSync(image)), mode };
  } finally {
    rmSync(object, { force: true });
    if (dir !== CACHE) rmSync(dir, { recursive: true, force: true });
  }
}

function writable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function haveGas(): boolean {
  return spawnSync("as", ["--version"]).status === 0;
}

/** Assembles the .s file at `path`: GNU as where installed, our assembler for real-mode guests elsewhere. */
export function assembleGuest(path: string): GuestImage {
  if (haveGas()) return assembleWithGas(path);
  const source = readFileSync(path, "utf8");
  if (guestMode(source) === "long") throw new Error(`${basename(path)} is a 64-bit guest: GNU as is needed to assemble it (apt-get install binutils)`);
  return { bytes: assemble(source, { origin: BOOT_SECTOR_ADDR, file: basename(path) }).bytes, mode: "real" };
}

/** A shipped guest by name: guest("hello") is src/kvm/guests/hello.s, assembled. */
export function guest(name: string): GuestImage {
  return assembleWithGas(join(GUESTS, `${name}.s`));
}
