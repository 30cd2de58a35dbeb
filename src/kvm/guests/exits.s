# An exit-heavy guest for the benchmark: 60,000 out instructions to port 0x80 (no device), each one a
# KVM_EXIT_IO, then hlt.
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        mov cx, 60000
again:
        out 0x80, al
        loop again
        hlt

        .org 510
        .byte 0x55, 0xaa
