// `npm install` runs this (package.json "install"): build the KVM shim with node-gyp. It never fails the
// install: without a compiler, headers or Linux, it prints one line, and the software CPU still works.
import { spawnSync } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const nodeGyp = process.env.npm_config_node_gyp;
const [command, args] = nodeGyp ? [process.execPath, [nodeGyp]] : ["node-gyp", []];
if (process.platform !== "linux") {
  console.log("kvm shim: not built (KVM is Linux only); `npm run vm` will use the software CPU");
} else {
  const r = spawnSync(command, [...args, "rebuild", "--silent"], { cwd: here, encoding: "utf8" });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || r.stdout).trim().split("\n").find((l) => /error/i.test(l)) ?? `exit ${r.status}`;
    console.log(`kvm shim: not built (${why.trim()}); \`npm run vm\` will use the software CPU`);
  }
}
