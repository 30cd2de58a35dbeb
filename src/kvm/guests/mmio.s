# Touches guest-physical addresses beyond the VM's memory: with 64 KiB of RAM, 0x20000 is backed by no
# memory slot, so each access is a KVM_EXIT_MMIO. Our VMM has no memory-mapped devices: the read sees all
# ones (0xff), the write goes nowhere. Prints the byte read as two hex digits and halts.
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        mov ax, 0x2000          # segment 0x2000: guest-physical 0x20000
        mov es, ax
        mov al, es:[0]          # a read: KVM_EXIT_MMIO, is_write = 0
        mov byte ptr es:[1], 0x42   # a write: KVM_EXIT_MMIO, is_write = 1
        mov bl, al
        mov dx, 0x3f8
        shr al, 4
        call digit
        mov al, bl
        and al, 0x0f
        call digit
        mov al, '\n'
        out dx, al
        hlt
digit:
        add al, '0'
        cmp al, '9'
        jbe 1f
        add al, 'a' - '0' - 10
1:      out dx, al
        ret

        .org 510
        .byte 0x55, 0xaa
