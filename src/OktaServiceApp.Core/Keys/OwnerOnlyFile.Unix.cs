using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OktaServiceApp.Core.Keys;

internal static partial class OwnerOnlyFile
{
    private const int OwnerReadWrite = 0x180; // 0600
    private const int OWronly = 0x1;
    private const int EExist = 17;
    private const int EIsDir = 21;
    private const int EAccess = 13;
    private const int ENoEnt = 2;

    private static FileStream CreateOnUnix(string fullPath, bool overwrite)
    {
        var linux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
        // open(2) flag values differ between Linux and the BSD family (macOS); O_CLOEXEC keeps the fd out of child processes.
        var flags = OWronly | (linux ? 0x40 | 0x200 : 0x200 | 0x400); // O_CREAT | O_TRUNC
        if (!overwrite)
        {
            flags |= linux ? 0x80 : 0x800; // O_EXCL: the existence check and the creation are one atomic step
        }

        if (linux)
        {
            flags |= 0x80000;
        }
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            flags |= 0x1000000;
        }

        var path = Encoding.UTF8.GetBytes(fullPath + "\0");
        int fd;
        if (linux)
        {
            fd = NativeUnix.open(path, flags, OwnerReadWrite);
        }
        else
        {
            // open(2) is variadic, and on Apple arm64 variadic arguments travel on the stack where P/Invoke does not put
            // them, so the mode cannot be trusted there. A umask of 077 caps whatever mode arrives at owner-only. umask is
            // process-wide, but it is held only for this one call and can only make other files stricter.
            var previous = NativeUnix.umask(0x3F);
            try
            {
                fd = NativeUnix.open(path, flags, OwnerReadWrite);
            }
            finally
            {
                // mode_t is 16 bits on macOS; keep only the permission bits of what came back.
                NativeUnix.umask(previous & 0x1FF);
            }
        }

        if (fd < 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw errno switch
            {
                EExist => Exists(fullPath),
                EIsDir => new KeyException(KeyProblem.PathIsDirectory, $"The path '{fullPath}' is a directory."),
                EAccess => new UnauthorizedAccessException($"Access to '{fullPath}' is denied."),
                ENoEnt => new DirectoryNotFoundException($"The folder for '{fullPath}' does not exist."),
                _ => new IOException($"Cannot create '{fullPath}'.", new Win32Exception(errno)),
            };
        }

        var handle = new SafeFileHandle(new IntPtr(fd), ownsHandle: true);
        // An existing file keeps its old mode through O_TRUNC, and a new one got 0600 minus the umask: set it exactly.
        if (NativeUnix.fchmod(fd, OwnerReadWrite) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            handle.Dispose();
            throw new UnauthorizedAccessException($"Cannot make '{fullPath}' readable by its owner only.", new Win32Exception(errno));
        }

        if (s_isMono)
        {
            // Mono's FileStream cannot wrap a raw descriptor (its SafeFileHandle is an io-layer handle, so writing fails with
            // "Invalid handle"). The file exists now, empty and 0600, so open it again by path. PowerShell never runs on Mono;
            // it is the .NET Framework runtime the engine's tests run on under Linux.
            handle.Dispose();
            return new FileStream(fullPath, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 1);
        }

        return new FileStream(handle, FileAccess.Write, bufferSize: 1);
    }

    private static readonly bool s_isMono = Type.GetType("Mono.Runtime") is not null;

    private static class NativeUnix
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open(byte[] path, int flags, int mode);

        [DllImport("libc", SetLastError = true)]
        public static extern int fchmod(int fd, int mode);

        [DllImport("libc")]
        public static extern int umask(int mask);
    }
}
