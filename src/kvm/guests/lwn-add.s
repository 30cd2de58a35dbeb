# The guest of "Using the KVM API" (LWN, 2015): add the two numbers the VMM put in al and bl, print the
# sum as a digit and a newline on the serial port, and halt. With al = 2 and bl = 2 it prints "4".
        .code16
        .intel_syntax noprefix
        .global _start
_start:
# #region lwn-add
        mov dx, 0x3f8
        add al, bl
        add al, '0'
        out dx, al
        mov al, '\n'
        out dx, al
        hlt
# #endregion lwn-add

        .org 510
        .byte 0x55, 0xaa
