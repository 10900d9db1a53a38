package org.vfioinspector.core.vfio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few C library calls the VFIO handles need ({@code <fcntl.h>}, {@code <unistd.h>},
 * {@code <sys/ioctl.h>}, {@code <string.h>}). Package-private: nothing outside this package sees JNA.
 *
 * <p>{@code ioctl} is variadic in C. Declaring the third argument as a fixed parameter is how JNA
 * users call it on Linux x86_64 and aarch64: integer and pointer varargs travel in the same
 * registers as fixed arguments there, and glibc's {@code ioctl} is a plain syscall wrapper.
 */
interface Libc extends Library {

    /** Loaded on first use, so that pure code in this package never needs the native library. */
    Libc INSTANCE = Native.load("c", Libc.class);

    // <asm-generic/fcntl.h> values, shared by x86_64, arm64 and riscv64 (checked by the oracle test).
    int O_RDONLY = 0;
    int O_RDWR = 02;
    int O_CLOEXEC = 02000000;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** The pointer-argument form: {@code arg} is a struct or buffer the kernel reads and fills. */
    int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;

    /** The integer-argument form ({@code VFIO_CHECK_EXTENSION}, {@code VFIO_SET_IOMMU}, …). */
    int ioctl(int fd, NativeLong request, long arg) throws LastErrorException;

    String strerror(int errnum);

    int geteuid();

    /** The real user id: who started the process (root under sudo and pkexec, which say who asked). */
    int getuid();
}
