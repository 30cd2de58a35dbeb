// The real systems that judge our modules. A test that needs one asks for it here: where it is missing,
// the test is skipped with a one-line reason locally, and fails under CI=true (which installs it), except
// /dev/kvm, root and an unprivileged user, which are used where present and skipped with the reason elsewhere.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, test, type TestFunction } from "vitest";
import { ROOT } from "./course.ts";
import { readableAs } from "./sandbox.ts";

export type OracleName =
  | "lua5.4"
  | "luac5.4"
  | "python3"
  | "qemu-system-x86_64"
  | "udhcpc"
  | "busybox"
  | "ip"
  | "nft"
  | "dnsmasq"
  | "chromium"
  | "gcc"
  | "as"
  | "tmux"
  | "/dev/kvm"
  | "root"
  | "unprivileged user";

const INSTALL: Record<OracleName, string> = {
  "lua5.4": "apt-get install lua5.4",
  "luac5.4": "apt-get install lua5.4",
  python3: "apt-get install python3",
  "qemu-system-x86_64": "apt-get install qemu-system-x86",
  udhcpc: "apt-get install udhcpc",
  busybox: "apt-get install busybox",
  ip: "apt-get install iproute2",
  nft: "apt-get install nftables",
  dnsmasq: "apt-get install dnsmasq-base",
  chromium: "apt-get install chromium",
  gcc: "apt-get install gcc",
  as: "apt-get install binutils",
  tmux: "apt-get install tmux",
  "/dev/kvm": "needs a machine with KVM (a bare-metal host, or a VM with nested virtualization)",
  root: "run as root",
  "unprivileged user": "run as root, from a checkout that other users can read: chmod o+rX on its folders",
};

/** The uid and gid of `nobody`, whom tests run commands as to see what a user without privileges gets. */
export const NOBODY = { uid: 65534, gid: 65534 };

/** Oracles that are used where present and never required, even under CI=true. */
const OPTIONAL: ReadonlySet<OracleName> = new Set(["/dev/kvm", "root", "unprivileged user"]);

export interface Oracle {
  name: OracleName;
  available: boolean;
  /** Why it is missing, with the fix; "" when available. */
  reason: string;
}

function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

function probe(name: OracleName): boolean {
  if (name === "root") return process.getuid?.() === 0;
  if (name === "unprivileged user") return process.getuid?.() === 0 && readableAs(NOBODY, join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"));
  if (name === "/dev/kvm") {
    try {
      accessSync("/dev/kvm", constants.R_OK | constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
  return onPath(name);
}

const cache = new Map<OracleName, Oracle>();

export function oracle(name: OracleName): Oracle {
  let o = cache.get(name);
  if (!o) {
    const available = probe(name);
    o = { name, available, reason: available ? "" : `needs ${name}: not found on this machine (${INSTALL[name]})` };
    cache.set(name, o);
  }
  return o;
}

/** The first missing oracle among `names`, or undefined when all are present. */
export function missing(...names: OracleName[]): Oracle | undefined {
  return names.map(oracle).find((o) => !o.available);
}

/** True when a missing `name` must fail rather than skip: CI=true and the oracle is one CI installs. */
export function required(name: OracleName): boolean {
  return process.env.CI === "true" && !OPTIONAL.has(name);
}

export interface Needs {
  available: boolean;
  reason: string;
  test(name: string, fn: TestFunction, timeout?: number): void;
  describe(name: string, fn: () => void): void;
}

/**
 * Tests that need the real tools `names`:
 *   const lua = needs("lua5.4"); lua.test("agrees with lua5.4", () => ...);
 */
export function needs(...names: OracleName[]): Needs {
  const gone = missing(...names);
  if (!gone) {
    return {
      available: true,
      reason: "",
      test: (name, fn, timeout) => test(name, { timeout }, fn),
      describe: (name, fn) => describe(name, fn),
    };
  }
  const fail = required(gone.name);
  const failing = (name: string) =>
    test(name, () => {
      throw new Error(`${gone.reason}; CI=true requires it (.ci/run installs it)`);
    });
  return {
    available: false,
    reason: gone.reason,
    test: (name) => (fail ? failing(name) : test.skip(`${name} (skipped: ${gone.reason})`, () => {})),
    describe: (name) => (fail ? failing(name) : describe.skip(`${name} (skipped: ${gone.reason})`, () => test("skipped", () => {}))),
  };
}
