// Runs in a worker thread for threads.test.ts: it stands where a vCPU thread stands in QEMU. It takes the
// BQL (qemu_mutex_lock_iothread), touches shared state, releases it, then sets the main context's event
// notifier from this thread and pokes the main thread (a MessagePort message is libuv's uv_async_send).
import { parentPort, workerData } from "node:worker_threads";
import { QemuMutex } from "../../src/qemu/bql.ts";

const { bql, counter, flag } = workerData as { bql: SharedArrayBuffer; counter: SharedArrayBuffer; flag: SharedArrayBuffer };
const lock = new QemuMutex(bql);
lock.lock();
Atomics.store(new Int32Array(flag), 0, 1);
lock.unlock();
Atomics.store(new Int32Array(counter), 0, 1); // event_notifier_set
parentPort?.postMessage("kick");
