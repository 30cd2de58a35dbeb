// QEMU 7.2 softmmu/cpus.c: the big QEMU lock (qemu_global_mutex), taken with qemu_mutex_lock_iothread and
// released with qemu_mutex_unlock_iothread; QEMU 8.2 renamed them bql_lock and bql_unlock (system/cpus.c).
// Whoever touches device or machine state holds it: the main loop (all the time except while it polls) and
// a vCPU thread (while it handles an exit). Ours is a mutex in a SharedArrayBuffer, so the main thread and
// the vCPU worker threads share it; Atomics.wait blocks a thread until the holder's Atomics.notify.

/**
 * Memory the threads can share. A web page that is not cross-origin isolated has no SharedArrayBuffer;
 * there the loop runs on one thread (the simulated poller), and plain memory does: Atomics work on it, and
 * with no second thread nothing ever waits.
 */
export function sharedMemory(bytes: number): SharedArrayBuffer {
  return typeof SharedArrayBuffer === "function" ? new SharedArrayBuffer(bytes) : (new ArrayBuffer(bytes) as unknown as SharedArrayBuffer);
}

// #region bql
const UNLOCKED = 0;
const LOCKED = 1;
/** Locked, and some thread is waiting: unlock must notify (the three-state futex mutex of Drepper's "Futexes Are Tricky"). */
const CONTENDED = 2;

export class QemuMutex {
  readonly word: Int32Array;
  constructor(buffer: SharedArrayBuffer = sharedMemory(4)) {
    this.word = new Int32Array(buffer, 0, 1);
  }

  get buffer(): SharedArrayBuffer {
    return this.word.buffer as SharedArrayBuffer;
  }

  lock(): void {
    let c = Atomics.compareExchange(this.word, 0, UNLOCKED, LOCKED);
    if (c === UNLOCKED) return;
    if (c !== CONTENDED) c = Atomics.exchange(this.word, 0, CONTENDED);
    while (c !== UNLOCKED) {
      Atomics.wait(this.word, 0, CONTENDED);
      c = Atomics.exchange(this.word, 0, CONTENDED);
    }
  }

  trylock(): boolean {
    return Atomics.compareExchange(this.word, 0, UNLOCKED, LOCKED) === UNLOCKED;
  }

  unlock(): void {
    if (Atomics.exchange(this.word, 0, UNLOCKED) === CONTENDED) Atomics.notify(this.word, 0, 1);
  }

  get locked(): boolean {
    return Atomics.load(this.word, 0) !== UNLOCKED;
  }
}
// #endregion bql
