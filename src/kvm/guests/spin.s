# Never halts and never exits: only a timeout stops it.
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        cli
forever:
        jmp forever

        .org 510
        .byte 0x55, 0xaa
