# Switches to protected mode with an empty interrupt descriptor table and executes an undefined opcode: the
# CPU cannot find the #UD handler (#GP), cannot deliver that fault either (#DF), and gives up: a triple fault,
# which real hardware answers with a reset and KVM reports as KVM_EXIT_SHUTDOWN. (Linux reboots this way:
# arch/x86/kernel/reboot.c, BOOT_TRIPLE.)
        .code16
        .intel_syntax noprefix
        .global _start
_start:
        cli
        xor ax, ax
        mov ds, ax
        lgdt [gdtr]
        lidt [empty_idt]
        mov eax, cr0
        or al, 1                # CR0.PE: protected mode
        mov cr0, eax
        ljmp 0x08, offset protected
        .code32
protected:
        mov ax, 0x10
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        mov ss, ax
        ud2                     # #UD, then #GP, then #DF, then shutdown
        hlt

        .p2align 3
gdt:
        .quad 0                         # the null descriptor
        .quad 0x00cf9a000000ffff        # 0x08: 32-bit code, base 0, limit 4 GiB
        .quad 0x00cf92000000ffff        # 0x10: data, base 0, limit 4 GiB
gdtr:
        .word gdtr - gdt - 1
        .long gdt
empty_idt:
        .word 0                 # limit 0: no vector fits
        .long 0

        .org 510
        .byte 0x55, 0xaa
