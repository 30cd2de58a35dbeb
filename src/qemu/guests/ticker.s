# Ticker: prints "tick N" lines on COM1 forever (N counts 0 to 9 and wraps), with a delay between lines,
# keeping N in memory at 0x500 so that a snapshot holds it. Chapter 02 stops, resumes, saves and loads it.
# A boot sector: loaded at 0x7c00, entered at 0000:7c00.
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        xor ax, ax
        mov ds, ax
        mov ss, ax
        mov sp, 0x7c00
        cld
        mov byte ptr [0x500], 0
line:
        mov si, offset prefix
print:
        lodsb
        test al, al
        jz number
        call putc
        jmp print
number:
        mov al, byte ptr [0x500]
        add al, 0x30
        call putc
        mov al, 10
        call putc
        mov al, byte ptr [0x500]
        inc al
        cmp al, 10
        jne store
        xor al, al
store:
        mov byte ptr [0x500], al
        mov cx, 0x4000
delay:
        loop delay
        jmp line

putc:
        mov dx, 0x3f8
        out dx, al
        ret

prefix:
        .asciz "tick "
        .org 510
        .byte 0x55, 0xaa
