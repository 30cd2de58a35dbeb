// The native shim: the few system calls of the KVM API that TypeScript cannot make by itself (open, ioctl,
// mmap), and nothing else. It follows the C program of "Using the KVM API" (LWN, 2015) and
// dpw/kvm-hello-world's kvm-hello-world.c: open /dev/kvm, check the API version, create a VM, give it memory,
// create a vCPU, map its kvm_run page, get and set registers, KVM_RUN. The structures are not decoded here:
// registers are copied as raw bytes into buffers whose layout TypeScript declares (src/kvm/kvm-structs.ts),
// and guest memory and kvm_run reach TypeScript as zero-copy ArrayBuffers over the mappings.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <node_api.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

// The signal that kicks a vCPU out of KVM_RUN. Node uses SIGUSR1 for its inspector; SIGUSR2 is free.
// QEMU does the same with SIG_IPI (accel/kvm/kvm-all.c: kvm_cpu_kick, kvm_ipi_signal).
#define KICK_SIGNAL SIGUSR2

// Errors carry the errno name as their code, so TypeScript can tell ENOENT from EACCES.
static napi_value fail(napi_env env, const char *what) {
  int err = errno;
  const char *code = err == ENOENT ? "ENOENT" : err == EACCES ? "EACCES" : err == EPERM ? "EPERM"
                   : err == ENOMEM ? "ENOMEM" : err == EINVAL ? "EINVAL" : err == EEXIST ? "EEXIST"
                   : err == EBUSY ? "EBUSY" : err == ENXIO ? "ENXIO" : err == EFAULT ? "EFAULT" : err == ENOTTY ? "ENOTTY" : "EIO";
  char message[256];
  snprintf(message, sizeof message, "%s: %s", what, strerror(err));
  napi_throw_error(env, code, message);
  return NULL;
}

static napi_value number(napi_env env, double value) {
  napi_value result;
  napi_create_double(env, value, &result);
  return result;
}

// Reads argument i as an integer (file descriptors, sizes, milliseconds).
static double arg_number(napi_env env, napi_value *argv, size_t i) {
  double value = -1;
  napi_get_value_double(env, argv[i], &value);
  return value;
}

// Reads argument i as a Uint8Array or ArrayBuffer: its bytes and their length.
static void *arg_bytes(napi_env env, napi_value *argv, size_t i, size_t *length) {
  void *data = NULL;
  bool is_typed;
  napi_is_typedarray(env, argv[i], &is_typed);
  if (is_typed) {
    napi_typedarray_type type;
    napi_value buffer;
    size_t offset;
    napi_get_typedarray_info(env, argv[i], &type, length, &data, &buffer, &offset);
  } else {
    napi_get_arraybuffer_info(env, argv[i], &data, length);
  }
  return data;
}

#define ARGS(n)                 \
  size_t argc = n;              \
  napi_value argv[n];           \
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL)

// open(path), normally "/dev/kvm", and KVM_GET_API_VERSION, which must be 12. Returns the fd.
static napi_value kvm_open(napi_env env, napi_callback_info info) {
  ARGS(1);
  char path[256] = "";
  napi_get_value_string_utf8(env, argv[0], path, sizeof path, NULL);
  int kvm = open(path, O_RDWR | O_CLOEXEC);
  if (kvm < 0) return fail(env, "open");
  int version = ioctl(kvm, KVM_GET_API_VERSION, NULL);
  if (version != KVM_API_VERSION) {
    close(kvm);
    errno = version < 0 ? errno : EINVAL;
    return fail(env, "KVM_GET_API_VERSION is not 12");
  }
  return number(env, kvm);
}

// A zero-copy ArrayBuffer over a mapping. It has no finalizer: release() unmaps it, after detaching it so that
// TypeScript can no longer touch the unmapped pages.
static napi_value mapping_buffer(napi_env env, void *addr, size_t length) {
  napi_value buffer;
  napi_create_external_arraybuffer(env, addr, length, NULL, NULL, &buffer);
  return buffer;
}

static napi_value pair(napi_env env, int fd, napi_value buffer) {
  napi_value result;
  napi_create_array_with_length(env, 2, &result);
  napi_set_element(env, result, 0, number(env, fd));
  napi_set_element(env, result, 1, buffer);
  return result;
}

// #region create-vm
// createVm(kvmFd, memoryBytes): KVM_CREATE_VM, mmap guest memory, KVM_SET_USER_MEMORY_REGION at guest-physical 0.
// Returns [vmFd, memory].
static napi_value create_vm(napi_env env, napi_callback_info info) {
  ARGS(2);
  int kvm = (int)arg_number(env, argv, 0);
  size_t size = (size_t)arg_number(env, argv, 1);
  int vm;
  do vm = ioctl(kvm, KVM_CREATE_VM, 0UL);  // a signal may interrupt it: try again, as QEMU's kvm_init does
  while (vm < 0 && errno == EINTR);
  if (vm < 0) return fail(env, "KVM_CREATE_VM");
  void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) {
    close(vm);
    return fail(env, "mmap guest memory");
  }
  struct kvm_userspace_memory_region region = {
      .slot = 0, .flags = 0, .guest_phys_addr = 0, .memory_size = size, .userspace_addr = (unsigned long)mem};
  if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
    int err = errno;
    munmap(mem, size);
    close(vm);
    errno = err;
    return fail(env, "KVM_SET_USER_MEMORY_REGION");
  }
  return pair(env, vm, mapping_buffer(env, mem, size));
}
// #endregion create-vm

// createVcpu(kvmFd, vmFd, id): KVM_CREATE_VCPU and mmap of its kvm_run area (KVM_GET_VCPU_MMAP_SIZE bytes,
// more than struct kvm_run: port I/O data lives in the page after it). Returns [vcpuFd, run].
static napi_value create_vcpu(napi_env env, napi_callback_info info) {
  ARGS(3);
  int kvm = (int)arg_number(env, argv, 0), vm = (int)arg_number(env, argv, 1);
  int id = (int)arg_number(env, argv, 2);
  int vcpu = ioctl(vm, KVM_CREATE_VCPU, (unsigned long)id);
  if (vcpu < 0) return fail(env, "KVM_CREATE_VCPU");
  static int size;  // the same for every vCPU of this kernel: asked once per process
  if (size == 0) size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, NULL);
  if (size < (int)sizeof(struct kvm_run)) {
    close(vcpu);
    return fail(env, "KVM_GET_VCPU_MMAP_SIZE");
  }
  void *run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
  if (run == MAP_FAILED) {
    close(vcpu);
    return fail(env, "mmap kvm_run");
  }
  return pair(env, vcpu, mapping_buffer(env, run, size));
}

// One ioctl that copies a structure between the kernel and a TypeScript buffer of exactly its size.
static napi_value copy_ioctl(napi_env env, napi_callback_info info, unsigned long request, size_t size,
                             const char *name) {
  ARGS(2);
  int vcpu = (int)arg_number(env, argv, 0);
  size_t length = 0;
  void *bytes = arg_bytes(env, argv, 1, &length);
  if (length != size) {
    errno = EINVAL;
    return fail(env, name);
  }
  if (ioctl(vcpu, request, bytes) < 0) return fail(env, name);
  return NULL;
}

static napi_value get_regs(napi_env env, napi_callback_info info) {
  return copy_ioctl(env, info, KVM_GET_REGS, sizeof(struct kvm_regs), "KVM_GET_REGS");
}
static napi_value set_regs(napi_env env, napi_callback_info info) {
  return copy_ioctl(env, info, KVM_SET_REGS, sizeof(struct kvm_regs), "KVM_SET_REGS");
}
static napi_value get_sregs(napi_env env, napi_callback_info info) {
  return copy_ioctl(env, info, KVM_GET_SREGS, sizeof(struct kvm_sregs), "KVM_GET_SREGS");
}
static napi_value set_sregs(napi_env env, napi_callback_info info) {
  return copy_ioctl(env, info, KVM_SET_SREGS, sizeof(struct kvm_sregs), "KVM_SET_SREGS");
}

// #region run
// run(vcpuFd, runArea?, claimed?): KVM_RUN. Returns 0, or the errno when the kernel returned early: EINTR
// after a kick. Every other detail of the exit is in the kvm_run page, which TypeScript reads.
// With `claimed` (the port bus's bitmap, one bit per port, set when a device claims it), an I/O exit to a
// port nobody claims is answered here as the bus answers it (reads see all ones, writes go nowhere), and
// KVM_RUN runs again: the exit still happens, only the trip to TypeScript is saved.
static napi_value run(napi_env env, napi_callback_info info) {
  ARGS(3);
  int vcpu = (int)arg_number(env, argv, 0);
  struct kvm_run *run_page = NULL;
  const uint8_t *claimed = NULL;
  size_t length = 0, ports = 0;
  napi_valuetype type;
  napi_typeof(env, argv[2], &type);
  if (type == napi_object) {
    run_page = arg_bytes(env, argv, 1, &length);
    claimed = arg_bytes(env, argv, 2, &ports);
    if (!run_page || length < sizeof(struct kvm_run) || ports < 0x10000 / 8) claimed = NULL;  // not what we expect: no shortcut
  }
  for (;;) {
    if (ioctl(vcpu, KVM_RUN, NULL) < 0) {
      if (errno == EINTR || errno == EAGAIN) return number(env, errno);
      return fail(env, "KVM_RUN");
    }
    if (!claimed || run_page->exit_reason != KVM_EXIT_IO) return number(env, 0);
    __u16 port = run_page->io.port;
    if (claimed[port >> 3] & (1 << (port & 7))) return number(env, 0);
    if (run_page->io.direction == KVM_EXIT_IO_IN) {
      memset((uint8_t *)run_page + run_page->io.data_offset, 0xff, (size_t)run_page->io.size * run_page->io.count);
    }
  }
}
// #endregion run

// #region kick
// The kick. A POSIX timer sends KICK_SIGNAL to this very thread; the handler sets immediate_exit in the
// kvm_run of the vCPU armed last. If the signal lands inside KVM_RUN, the ioctl returns EINTR; if it lands
// while TypeScript handles an exit, the next KVM_RUN returns EINTR at once (the race immediate_exit closes).
static __thread struct kvm_run *kicked_run;
static __thread timer_t kick_timer;
static __thread int kick_timer_created;

static void on_kick(int signo) {
  (void)signo;
  if (kicked_run) kicked_run->immediate_exit = 1;
}
// #endregion kick

// setTimeout(run, ms): arm (ms > 0) or disarm (ms == 0) the kick for the vCPU whose kvm_run is `run`.
static napi_value set_timeout(napi_env env, napi_callback_info info) {
  ARGS(2);
  size_t length = 0;
  struct kvm_run *run_page = arg_bytes(env, argv, 0, &length);
  double ms = arg_number(env, argv, 1);
  if (!kick_timer_created) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_kick;  // no SA_RESTART: KVM_RUN must return EINTR
    sigemptyset(&action.sa_mask);
    if (sigaction(KICK_SIGNAL, &action, NULL) < 0) return fail(env, "sigaction");
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_THREAD_ID;
    event.sigev_signo = KICK_SIGNAL;
    event._sigev_un._tid = gettid();
    if (timer_create(CLOCK_MONOTONIC, &event, &kick_timer) < 0) return fail(env, "timer_create");
    kick_timer_created = 1;
  }
  kicked_run = ms > 0 ? run_page : NULL;
  struct itimerspec when;
  memset(&when, 0, sizeof when);
  long long ns = (long long)(ms * 1e6);
  when.it_value.tv_sec = ns / 1000000000LL;
  when.it_value.tv_nsec = ns % 1000000000LL;
  if (timer_settime(kick_timer, 0, &when, NULL) < 0) return fail(env, "timer_settime");
  return NULL;
}

// release(fd, mapping?): detach the ArrayBuffer, munmap it, close the fd. Used for VMs and vCPUs.
static napi_value release(napi_env env, napi_callback_info info) {
  ARGS(2);
  int fd = (int)arg_number(env, argv, 0);
  napi_valuetype type;
  napi_typeof(env, argv[1], &type);
  if (type == napi_object) {
    void *addr = NULL;
    size_t length = 0;
    napi_get_arraybuffer_info(env, argv[1], &addr, &length);
    napi_detach_arraybuffer(env, argv[1]);
    if (addr && length && munmap(addr, length) < 0) return fail(env, "munmap");
  }
  if (fd >= 0 && close(fd) < 0) return fail(env, "close");
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor functions[] = {
      {"open", NULL, kvm_open, NULL, NULL, NULL, napi_default, NULL},
      {"createVm", NULL, create_vm, NULL, NULL, NULL, napi_default, NULL},
      {"createVcpu", NULL, create_vcpu, NULL, NULL, NULL, napi_default, NULL},
      {"getRegs", NULL, get_regs, NULL, NULL, NULL, napi_default, NULL},
      {"setRegs", NULL, set_regs, NULL, NULL, NULL, napi_default, NULL},
      {"getSregs", NULL, get_sregs, NULL, NULL, NULL, napi_default, NULL},
      {"setSregs", NULL, set_sregs, NULL, NULL, NULL, napi_default, NULL},
      {"run", NULL, run, NULL, NULL, NULL, napi_default, NULL},
      {"setTimeout", NULL, set_timeout, NULL, NULL, NULL, napi_default, NULL},
      {"release", NULL, release, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
