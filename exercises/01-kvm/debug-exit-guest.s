# Exercise 01-kvm/debug-exit-guest: a boot sector that prints a line on COM1 and ends QEMU with status 7.
# Points: 10. Grade it with: npm run grade -- 01-kvm/debug-exit-guest
# Hints: exercises/01-kvm/debug-exit-guest.hints.md. The chapter section: "Write your own guest".
#
# Write a real-mode guest that sends a line of text ending in "\n" to the UART at 0x3f8, waiting before
# each byte until the line status register (0x3fd) has THRE (0x20) set, then writes 3 to isa-debug-exit
# (port 0xf4), so the VM (and real QEMU) exits with status (3 << 1) | 1 = 7.
# Try it: npm run -s vm -- exercises/01-kvm/debug-exit-guest.s; echo $?
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        # TODO: print a line, then write 3 to port 0xf4
        hlt

        .org 510
        .byte 0x55, 0xaa
