// npm run -s qemu:timeline > chapters/02-qemu-main-loop/timeline.svg: the chapter's picture of
// main_loop_wait, drawn from a fresh run of the traced scenario (src/qemu/timeline.ts).
import { renderSvg, traceScenario } from "../timeline.ts";

process.stdout.write(renderSvg(await traceScenario()));
