# String and wide port I/O: rep outsb sends a string (KVM may exit once per byte), rep insb reads three
# bytes from the scratch register in one exit (count 3), and a port no device claims (0x200) reads all ones, in bytes and words.
# Exits through isa-debug-exit with 1 (exit status 3).
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0x7c00
        cld
        cli
        mov dx, 0x3fd           # wait until the UART has sent everything (LSR.TEMT), the BIOS's text too
drain:
        in al, dx
        test al, 0x40
        jz drain

        mov si, offset banner   # rep outsb: cx bytes from ds:si to port dx
        mov cx, banner_end - banner
        mov dx, 0x3f8
        rep outsb

        mov dx, 0x3ff           # scratch register = 'K'
        mov al, 'K'
        out dx, al
        mov di, offset buffer   # rep insb: cx bytes from port dx to es:di
        mov cx, 3
        rep insb
        mov si, offset buffer
        mov cx, 3
        mov dx, 0x3f8
        rep outsb

        mov dx, 0x200           # the ISA game port: nobody there
        in al, dx
        call hex
        mov dx, 0x200
        in ax, dx
        push ax
        mov al, ah
        call hex
        pop ax
        call hex
        mov al, '\n'
        call putc
        mov al, 1
        out 0xf4, al
        hlt

hex:
        push ax
        shr al, 4
        call digit
        pop ax
        and al, 0x0f
digit:
        add al, '0'
        cmp al, '9'
        jbe putc
        add al, 'a' - '0' - 10
putc:
        push ax
        mov dx, 0x3fd
1:      in al, dx
        test al, 0x20           # LSR.THRE
        jz 1b
        pop ax
        mov dx, 0x3f8
        out dx, al
        ret

banner:
        .ascii "string I/O: "
banner_end:
buffer:
        .byte 0, 0, 0

        .org 510
        .byte 0x55, 0xaa
