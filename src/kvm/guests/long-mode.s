# A 64-bit guest, as in dpw/kvm-hello-world: the VMM has already switched the vCPU to long mode (page
# tables, CR0/CR4/EFER and a 64-bit code segment set through sregs), so the first instruction is 64-bit.
# It prints through the UART and halts. Loaded at guest address 0. KVM only.
        .code64
        .intel_syntax noprefix
        .global _start
_start:
# #region long-mode-guest
        lea rsi, [rip + message]
        mov rax, 0x123456789abc        # wider than 32 bits: a 64-bit register
        mov dx, 0x3f8
next:
        lodsb
        test al, al
        jz done
        out dx, al
        jmp next
done:
        hlt
# #endregion long-mode-guest
message:
        .asciz "Hello from long mode!\n"
