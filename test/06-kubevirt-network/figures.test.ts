// The chapter's pictures and packet tables are generated (npm run kubevirt-figures): they must be what the
// code generates now, so the prose cannot drift from the code.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { CHAPTER, chapterWithTables, pictures, readCapture } from "../../src/kubevirt/figures.ts";
import { dissect } from "../../src/kubevirt/dhcp/dissect.ts";

test("the SVG pictures are the in-memory model's, as generated now", () => {
  for (const [path, svg] of Object.entries(pictures())) expect(readFileSync(path, "utf8"), `${path} (run: npm run kubevirt-figures)`).toBe(svg);
});

test("the packet tables are the dissection of the captured packets, as generated now", () => {
  const readme = readFileSync(`${CHAPTER}/README.md`, "utf8");
  expect(readme, "run: npm run kubevirt-figures").toBe(chapterWithTables(readme, readCapture()));
});

test("the captured OFFER is what our server sends: 53 Offer, 54 169.254.75.10, 51 999 days", () => {
  const offer = Uint8Array.from(readCapture().offer.match(/../g)!, (h) => parseInt(h, 16));
  const meanings = Object.fromEntries(dissect(offer).map((r) => [r.field, r.meaning]));
  expect(meanings["option 53, DHCP message type"]).toBe("2 = Offer");
  expect(meanings["option 54, server identifier"]).toBe("169.254.75.10");
  expect(meanings["option 51, lease time"]).toBe("86313600 s (999 days)");
});
