# Hello, world: prints a string on COM1, polling the line status register before each byte as a real
# driver must, then reports success through isa-debug-exit (exit status (0 << 1) | 1 = 1).
# A boot sector: loaded at 0x7c00, entered at 0000:7c00, ends with the signature 0x55 0xaa.
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        xor ax, ax
        mov ds, ax
        mov ss, ax
        mov sp, 0x7c00
        cld
        cli
# #region hello-loop
        mov si, offset message
next:
        lodsb                   # al = [ds:si], si += 1
        test al, al
        jz done
        mov bl, al
        mov dx, 0x3fd           # COM1 + 5: the line status register (LSR)
wait:
        in al, dx
        test al, 0x20           # THRE: the transmit holding register is empty
        jz wait
        mov al, bl
        mov dx, 0x3f8           # COM1 + 0: the transmit holding register (THR)
        out dx, al
        jmp next
done:
        mov al, 0
        out 0xf4, al            # isa-debug-exit: status (0 << 1) | 1
# #endregion hello-loop
        hlt

message:
        .asciz "Hello, world!\n"

        .org 510
        .byte 0x55, 0xaa
