// The body of every runtime worker: receives a block's source, runs it on the runtime with its budget,
// posts the result. The build bundles this with one site/runtimes/<kind>.ts per worker.
import { execute, type Runtime } from "../runtime.ts";
import type { RunRequest } from "./page.ts";

export function serve(runtime: Runtime): void {
  self.onmessage = (e: MessageEvent<RunRequest>) => {
    void Promise.resolve(execute(runtime, e.data.source, e.data.steps ?? runtime.steps)).then((r) => self.postMessage(r));
  };
}
