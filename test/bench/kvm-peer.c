// The C peer of our TypeScript VMM, for `npm run bench -- kvm`: the same run loop as the LWN sample
// ("Using the KVM API", 2015), timed from inside. Usage: kvm-peer exits|lifecycle IMAGE N
// Runs N rounds of: create a VM, load IMAGE at 0x7c00, run it to hlt, destroy the VM. Prints one line per
// round: for "exits", the nanoseconds from the first KVM_RUN to hlt, the number of exits, and the processor
// time of those nanoseconds (CLOCK_PROCESS_CPUTIME_ID: on a shared machine, the time we were not waiting); for
// "lifecycle", the nanoseconds of the whole round and their processor time.
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static unsigned char image[512];
static int kvm, run_size;

static long long clock_ns(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}
static long long now(void) { return clock_ns(CLOCK_MONOTONIC); }
static long long cpu_now(void) { return clock_ns(CLOCK_PROCESS_CPUTIME_ID); }

static long long run_ns, run_cpu_ns;

// One VM from creation to destruction; returns the number of exits, and the time in KVM_RUN's loop in run_ns.
static long vm_round(size_t mem_size) {
  int vm = ioctl(kvm, KVM_CREATE_VM, 0UL);
  unsigned char *mem = mmap(NULL, mem_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  struct kvm_userspace_memory_region region = {.slot = 0, .guest_phys_addr = 0, .memory_size = mem_size, .userspace_addr = (unsigned long)mem};
  ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region);
  memcpy(mem + 0x7c00, image, sizeof image);
  int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0UL);
  struct kvm_run *run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
  struct kvm_sregs sregs;
  ioctl(vcpu, KVM_GET_SREGS, &sregs);
  sregs.cs.base = 0, sregs.cs.selector = 0;
  sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = sregs.cs;
  sregs.ds.type = sregs.es.type = sregs.fs.type = sregs.gs.type = sregs.ss.type = 3;
  ioctl(vcpu, KVM_SET_SREGS, &sregs);
  struct kvm_regs regs = {.rip = 0x7c00, .rsp = 0x7c00, .rax = 2, .rbx = 2, .rflags = 2};
  ioctl(vcpu, KVM_SET_REGS, &regs);
  long exits = 0;
  long long start = now(), cpu_start = cpu_now();
  for (;;) {
    if (ioctl(vcpu, KVM_RUN, NULL) < 0) { perror("KVM_RUN"); exit(1); }
    exits++;
    if (run->exit_reason == KVM_EXIT_HLT) break;
    if (run->exit_reason != KVM_EXIT_IO) { fprintf(stderr, "exit %u\n", run->exit_reason); exit(1); }
    unsigned char *data = (unsigned char *)run + run->io.data_offset;
    if (run->io.direction == KVM_EXIT_IO_IN) memset(data, 0xff, run->io.size * run->io.count);
  }
  run_ns = now() - start;
  run_cpu_ns = cpu_now() - cpu_start;
  munmap(run, run_size);
  close(vcpu);
  munmap(mem, mem_size);
  close(vm);
  return exits;
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  FILE *f = fopen(argv[2], "rb");
  if (!f || fread(image, 1, sizeof image, f) != sizeof image) return 2;
  fclose(f);
  kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
  run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, NULL);
  int n = argc > 3 ? atoi(argv[3]) : 5;
  int lifecycle = strcmp(argv[1], "lifecycle") == 0;
  size_t mem_size = lifecycle ? 64 << 10 : 2 << 20;
  vm_round(mem_size);  // warm up
  for (int i = 0; i < n; i++) {
    long long t = now(), cpu = cpu_now();
    long exits = vm_round(mem_size);
    if (lifecycle) printf("%lld %lld\n", now() - t, cpu_now() - cpu);
    else printf("%lld %ld %lld\n", run_ns, exits, run_cpu_ns);
  }
  return 0;
}
