# Exercise 01-kvm/debug-exit-guest: a boot sector that prints a line on COM1 and ends QEMU with status 7.
# Points: 10. Grade it with: npm run grade -- 01-kvm/debug-exit-guest
# Hints: exercises/01-kvm/debug-exit-guest.hints.md. The chapter section: "Write your own guest".
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        cli
        xor ax, ax
        mov ds, ax
        mov si, offset line
next:
        lodsb
        test al, al
        jz done
        mov bl, al
        mov dx, 0x3fd           # LSR
wait:
        in al, dx
        test al, 0x20           # THRE
        jz wait
        mov al, bl
        mov dx, 0x3f8           # THR
        out dx, al
        jmp next
done:
        mov al, 3
        out 0xf4, al            # isa-debug-exit: status (3 << 1) | 1 = 7
        hlt

line:
        .asciz "my own guest\n"

        .org 510
        .byte 0x55, 0xaa
