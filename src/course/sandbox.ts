// Class grading runs untrusted code: each suite's process runs as the unprivileged system user
// `course-grader`, never as the instructor, inside a memory cgroup of its own (cgroup v1 or v2, where the
// machine offers one) and with a capped V8 heap.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./course.ts";

export const GRADER_USER = "course-grader";

export interface Sandbox {
  /** The command prefix that puts a process in its cgroup and drops privileges. */
  wrapper: string[];
  env: NodeJS.ProcessEnv;
  owner: { uid: number; gid: number };
  /** What limits memory, for the report: "cgroup v1 memory, 1024 MiB" or "V8 heap only, 1024 MiB". */
  memory: string;
  /** Removes the per-process cgroups left behind. */
  release(): void;
}

function memoryCgroup(): { dir: string; limitFile: string; version: string } | undefined {
  const v1 = "/sys/fs/cgroup/memory";
  if (existsSync(join(v1, "memory.limit_in_bytes"))) return { dir: join(v1, GRADER_USER), limitFile: "memory.limit_in_bytes", version: "cgroup v1" };
  const v2 = "/sys/fs/cgroup";
  try {
    const controllers = execFileSync("cat", [join(v2, "cgroup.controllers")], { encoding: "utf8" });
    if (controllers.split(/\s+/).includes("memory")) return { dir: join(v2, GRADER_USER), limitFile: "memory.max", version: "cgroup v2" };
  } catch {
    // no unified hierarchy
  }
  return undefined;
}

function ensureUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, GRADER_USER], { encoding: "utf8" }).trim());
  if (spawnSync("id", [GRADER_USER]).status !== 0) {
    execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", GRADER_USER]);
  }
  return { uid: id("-u"), gid: id("-g") };
}

/** The command prefix that runs what follows as `owner`, in the supplementary group `group` or in none. */
export function asUser(owner: { uid: number; gid: number }, group?: string): string[] {
  return ["setpriv", `--reuid=${owner.uid}`, `--regid=${owner.gid}`, group ? `--groups=${group}` : "--clear-groups", "--"];
}

/** True when the user `owner` can reach and read `file` (a checkout in a private folder cannot be). */
export function readableAs(owner: { uid: number; gid: number }, file: string): boolean {
  const [command, ...args] = asUser(owner);
  return spawnSync(command, [...args, process.execPath, "-e", `require("fs").accessSync(${JSON.stringify(file)})`]).status === 0;
}

/** Sets up the sandbox; throws a one-line message when it cannot (not root, course not readable). */
export function createSandbox(memoryMiB: number): Sandbox {
  if (process.getuid?.() !== 0) {
    throw new Error(`class grading runs submissions as the unprivileged user '${GRADER_USER}', which needs root: run it with sudo`);
  }
  const owner = ensureUser();
  // The one group kept is kvm, where there is one: chapter 01's suites run guests on /dev/kvm.
  const kvm = spawnSync("getent", ["group", "kvm"], { encoding: "utf8" }).stdout.split(":")[2];
  const drop = asUser(owner, kvm);
  if (!readableAs(owner, join(ROOT, "node_modules", "vitest", "vitest.mjs"))) {
    throw new Error(`the user '${GRADER_USER}' cannot read the course at ${ROOT}: make it readable to others (chmod -R o+rX) or move it out of a private folder`);
  }
  const env = { HOME: "/tmp", NODE_OPTIONS: `--max-old-space-size=${memoryMiB}` };
  const cgroup = memoryCgroup();
  let wrapper = drop;
  let memory = `V8 heap only, ${memoryMiB} MiB`;
  if (cgroup) {
    try {
      mkdirSync(cgroup.dir, { recursive: true });
      // Each suite's shell puts itself ($$, which exec keeps) in a cgroup of its own, then becomes the suite.
      const script = `d="$0/$$"; mkdir -p "$d" && echo ${memoryMiB * 2 ** 20} > "$d/${cgroup.limitFile}" && echo $$ > "$d/cgroup.procs" && exec "$@"`;
      wrapper = ["sh", "-c", script, cgroup.dir, ...drop];
      memory = `${cgroup.version} memory, ${memoryMiB} MiB`;
    } catch {
      // A read-only cgroup tree: the heap cap still applies.
    }
  }
  return {
    wrapper,
    env,
    owner,
    memory,
    release() {
      if (!cgroup || !existsSync(cgroup.dir)) return;
      for (const d of readdirSync(cgroup.dir, { withFileTypes: true })) {
        if (!d.isDirectory()) continue;
        try {
          rmdirSync(join(cgroup.dir, d.name));
        } catch {
          // still in use
        }
      }
    },
  };
}
