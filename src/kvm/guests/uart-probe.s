# Probes the UART the way a driver does at start-up: scratch register, divisor latch (DLAB), line and
# modem control, FIFO control, and prints each value read back as two hex digits. Then it exits through
# isa-debug-exit with 2 (exit status 5). The output is the UART's register model, byte for byte.
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        xor ax, ax
        mov ds, ax
        mov ss, ax
        mov sp, 0x7c00
        cli
        mov dx, 0x3fd           # wait until the UART has sent everything (LSR.TEMT), the BIOS's text too
drain:
        in al, dx
        test al, 0x40
        jz drain

        mov dx, 0x3ff           # SCR: any byte written reads back
        mov al, 0x5a
        out dx, al
        in al, dx
        call hex
        mov dx, 0x3fb           # LCR: DLAB on, 8 data bits
        mov al, 0x83
        out dx, al
        mov dx, 0x3f8           # DLL: divisor 1 = 115200 baud
        mov al, 0x01
        out dx, al
        mov dx, 0x3f9           # DLM
        mov al, 0x00
        out dx, al
        mov dx, 0x3f8
        in al, dx               # with DLAB, port 0x3f8 reads DLL, not RBR
        mov bl, al
        mov dx, 0x3f9
        in al, dx
        mov bh, al
        mov dx, 0x3fb           # DLAB off again, before printing: with DLAB, THR is DLL
        mov al, 0x03
        out dx, al
        mov al, bl
        call hex
        mov al, bh
        call hex
        mov dx, 0x3fb
        in al, dx
        call hex
        mov dx, 0x3f9           # IER: no interrupts
        mov al, 0x00
        out dx, al
        in al, dx
        call hex
        mov dx, 0x3fa           # FCR: enable and clear the FIFOs
        mov al, 0x07
        out dx, al
        in al, dx               # IIR: FIFOs enabled, no interrupt pending
        call hex
        mov dx, 0x3fc           # MCR: DTR and RTS
        mov al, 0x03
        out dx, al
        in al, dx
        call hex
        mov dx, 0x3fd           # LSR: transmitter empty
        in al, dx
        call hex
        mov dx, 0x3fe           # MSR: carrier, data set ready, clear to send
        in al, dx
        call hex
        mov al, '\n'
        call putc
        mov al, 2
        out 0xf4, al
        hlt

# Prints al as two hex digits and a space.
hex:
        push ax
        shr al, 4
        call digit
        pop ax
        and al, 0x0f
        call digit
        mov al, ' '
        jmp putc
digit:
        add al, '0'
        cmp al, '9'
        jbe putc
        add al, 'a' - '0' - 10
# Sends al to COM1 once LSR says the holding register is empty. Keeps dx.
putc:
        push dx
        push ax
        mov dx, 0x3fd
1:      in al, dx
        test al, 0x20
        jz 1b
        pop ax
        mov dx, 0x3f8
        out dx, al
        pop dx
        ret

        .org 510
        .byte 0x55, 0xaa
