# A tight loop with no exits for measuring raw instruction speed: 100 x 65,535 iterations of `loop`, about
# 6.55 million instructions, then hlt.
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        mov bx, 100
outer:
        mov cx, 0xffff
inner:
        loop inner
        dec bx
        jnz outer
        hlt

        .org 510
        .byte 0x55, 0xaa
