// The compiler, VM and libraries bundled for the browser, as the site ships them (the lua runtime's
// worker, minified by esbuild): at most 80 KB gzipped. A size, not a timing.
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { expect, test } from "vitest";
import { SITE_DIR, workerOptions } from "../../site/build.ts";

test("the lua worker (compiler, VM and libraries) is at most 80 KB minified and gzipped", async () => {
  const r = await esbuild.build(workerOptions("lua", join(SITE_DIR, "runtimes", "lua.ts")));
  const bytes = r.outputFiles![0]!.contents;
  const gz = gzipSync(bytes, { level: 9 }).length;
  console.log(`worker-lua.js: ${(bytes.length / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzipped`);
  expect(gz / 1024, "gzipped KB of worker-lua.js").toBeLessThanOrEqual(80);
}, 60_000);
