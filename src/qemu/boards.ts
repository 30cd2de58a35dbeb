// The machines our QEMU can run (-machine): "pc", the chapter 01 VM booting a raw disk image's first
// sector at 0x7c00 on KVM or the software CPU, and "standin", a guest that prints `tick N` forever.
import { readFileSync } from "node:fs";
import { createAccelerator } from "../kvm/accel.ts";
import { Vm } from "../kvm/vm.ts";
import type { Chardev } from "./chardev.ts";
import { Machine } from "./machine.ts";
import { StandInAccelerator, standInBoard } from "./standin-cpu.ts";
import { ThreadedAccelerator } from "./vcpu-threads.ts";

import type { MachineBuilder } from "./standin-cpu.ts";

/** -machine standin -m SIZE. */
export function standInMachine(mem: number, serial: Chardev): MachineBuilder {
  return (qemu) => standInBoard(qemu.options.thread === "multi" ? new ThreadedAccelerator("standin") : new StandInAccelerator(), mem, serial)(qemu);
}

// #region pc-machine
/**
 * -machine pc -accel kvm|tcg -m SIZE -drive file=IMG,format=raw: the first 512 bytes of the image are the
 * boot sector. QEMU's BIOS (SeaBIOS) would load it at 0x7c00 and jump there; we do what it leaves behind.
 * A reset clears memory and loads the sector again. With thread=multi the vCPU runs in a thread of its own.
 */
export function pcMachine(accel: "kvm" | "tcg", mem: number, image: string, serial: Chardev): MachineBuilder {
  const sector = readFileSync(image).subarray(0, 512);
  return (qemu) => {
    const kind = accel === "kvm" ? "kvm" : "soft";
    const vm = new Vm({ accel: qemu.options.thread === "multi" ? new ThreadedAccelerator(kind) : createAccelerator(kind), memory: mem, serial: (b) => serial.write(Uint8Array.of(b)) });
    return new Machine(
      vm,
      (m) => {
        m.memory.fill(0);
        vm.loadBootSector(sector);
      },
      (status) => qemu.debug_exit(status),
    );
  };
}
// #endregion pc-machine
