// QEMU 7.2 monitor/monitor.c: what every monitor has, an output buffer. HMP text goes out with "\n"
// turned into "\r\n" (monitor_puts_locked), which is why human-monitor-command returns "...\r\n".

/** QEMU 7.2 qapi/error.h: an error a QMP command reports (error_setg), with its class. */
export class QmpError extends Error {
  constructor(
    readonly errorClass: "GenericError" | "CommandNotFound" | "DeviceNotFound",
    readonly desc: string,
  ) {
    super(desc);
  }
}

export class Monitor {
  outbuf = "";

  /** monitor_printf / monitor_puts. */
  monitor_printf(text: string): void {
    this.outbuf += text.replace(/\n/g, "\r\n");
  }

  /** Takes what was printed so far. */
  take(): string {
    const s = this.outbuf;
    this.outbuf = "";
    return s;
  }
}
