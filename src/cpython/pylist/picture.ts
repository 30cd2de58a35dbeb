// A list as text: ob_size, allocated and sys.getsizeof on one line, the ob_item block on the next, with
// used slots showing their items and spare slots a dot.
import type { ListPicture } from "./session.ts";

/** Slots shown before the block is abbreviated. */
const MAX_SLOTS = 16;

export function drawList(p: ListPicture): string {
  const head = `${p.name}  ob_size=${p.ob_size}  allocated=${p.allocated}  sys.getsizeof=${p.sizeof}`;
  if (p.null) return `${head}\n   ob_item = NULL`;
  const slots: string[] = [];
  for (let i = 0; i < Math.min(p.allocated, MAX_SLOTS); i++) slots.push(i < p.ob_size ? shorten(p.items[i]) : "·");
  const more = p.allocated > MAX_SLOTS ? ` … ${p.allocated - MAX_SLOTS} more slots` : "";
  return `${head}\n   ob_item -> [ ${slots.join(" | ")} ]${more}`;
}

function shorten(repr: string): string {
  return repr.length > 12 ? repr.slice(0, 11) + "…" : repr;
}
