// A one-line progress bar: `[#########...........] 9/20 label`.
export function progressBar(done: number, total: number, label = "", width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${label ? " " + label : ""}`;
}
