// `npm install` runs this (package.json "install"): build the KVM shim with node-gyp. It never fails the
// install: without a compiler, Node's headers or Linux, it prints one line, and the software CPU still works.
import { spawnSync } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const skip = (why) => console.log(`kvm shim: not built (${why}); \`npm run vm\` will use the software CPU`);

/** One line out of node-gyp's log: the phase that failed and its first error. */
function reason(log) {
  const phase = /gyp ERR! (\w+) error/.exec(log)?.[1];
  const detail = /gyp ERR! stack Error: (.*)/.exec(log)?.[1] ?? log.split("\n").find((l) => /error/i.test(l));
  if (/network connectivity|ENOTFOUND|EAI_AGAIN/.test(log)) return "node-gyp could not download Node's headers: set npm_config_nodedir to a Node with headers, or go online";
  return [phase && `node-gyp ${phase} failed`, detail?.trim()].filter(Boolean).join(": ") || "node-gyp failed";
}

if (process.platform !== "linux") {
  skip("KVM is Linux only");
} else {
  // npm passes its own node-gyp in npm_config_node_gyp; outside npm, try the one on PATH
  const nodeGyp = process.env.npm_config_node_gyp;
  const [command, args] = nodeGyp ? [process.execPath, [nodeGyp]] : ["node-gyp", []];
  const r = spawnSync(command, [...args, "rebuild"], { cwd: here, encoding: "utf8" });
  if (r.error) skip(`${command}: ${r.error.message}`);
  else if (r.status !== 0) skip(reason(`${r.stdout}\n${r.stderr}`));
}
