using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OktaServiceApp.Core.Keys;

internal static partial class OwnerOnlyFile
{
    private const uint GenericWrite = 0x40000000;
    private const uint WriteDac = 0x00040000;
    private const uint CreateNew = 1;
    private const uint CreateAlways = 2;
    private const uint FileAttributeNormal = 0x80;
    private const uint DaclSecurityInformation = 0x4;
    private const uint ProtectedDaclSecurityInformation = 0x80000000;
    private const uint TokenQuery = 0x0008;
    private const int TokenUserClass = 1;
    private const int ErrorFileExists = 80;
    private const int ErrorAlreadyExists = 183;
    private const int ErrorAccessDenied = 5;
    private const int ErrorPathNotFound = 3;

    private static FileStream CreateOnWindows(string fullPath, bool overwrite)
    {
        // A protected DACL with one entry: full control for the current user, nothing inherited from the folder.
        var sddl = $"D:P(A;;FA;;;{CurrentUserSid()})";
        if (!NativeWindows.ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, 1, out var descriptor, IntPtr.Zero))
        {
            throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        try
        {
            var attributes = new NativeWindows.SecurityAttributes
            {
                Length = Marshal.SizeOf<NativeWindows.SecurityAttributes>(),
                SecurityDescriptor = descriptor,
            };
            var handle = NativeWindows.CreateFileW(fullPath, GenericWrite | WriteDac, 0, ref attributes,
                overwrite ? CreateAlways : CreateNew, FileAttributeNormal, IntPtr.Zero);
            if (handle.IsInvalid)
            {
                var error = Marshal.GetLastWin32Error();
                throw error switch
                {
                    ErrorFileExists or ErrorAlreadyExists => Exists(fullPath),
                    ErrorAccessDenied => new UnauthorizedAccessException($"Access to '{fullPath}' is denied."),
                    ErrorPathNotFound => new DirectoryNotFoundException($"The folder for '{fullPath}' does not exist."),
                    _ => new IOException($"Cannot create '{fullPath}'.", new Win32Exception(error)),
                };
            }

            // CreateFile ignores the security attributes when it replaces an existing file, so set the DACL on the handle too.
            if (!NativeWindows.SetKernelObjectSecurity(handle, DaclSecurityInformation | ProtectedDaclSecurityInformation, descriptor))
            {
                var error = Marshal.GetLastWin32Error();
                handle.Dispose();
                throw new UnauthorizedAccessException($"Cannot make '{fullPath}' readable by its owner only.", new Win32Exception(error));
            }

            return new FileStream(handle, FileAccess.Write, bufferSize: 1);
        }
        finally
        {
            NativeWindows.LocalFree(descriptor);
        }
    }

    private static string CurrentUserSid()
    {
        if (!NativeWindows.OpenProcessToken(NativeWindows.GetCurrentProcess(), TokenQuery, out var token))
        {
            throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        try
        {
            NativeWindows.GetTokenInformation(token, TokenUserClass, IntPtr.Zero, 0, out var needed);
            var buffer = Marshal.AllocHGlobal(needed);
            try
            {
                if (!NativeWindows.GetTokenInformation(token, TokenUserClass, buffer, needed, out _))
                {
                    throw new Win32Exception(Marshal.GetLastWin32Error());
                }

                // TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first field is the SID pointer.
                var sid = Marshal.ReadIntPtr(buffer);
                if (!NativeWindows.ConvertSidToStringSidW(sid, out var text))
                {
                    throw new Win32Exception(Marshal.GetLastWin32Error());
                }

                try
                {
                    return Marshal.PtrToStringUni(text)!;
                }
                finally
                {
                    NativeWindows.LocalFree(text);
                }
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
        finally
        {
            NativeWindows.CloseHandle(token);
        }
    }

    private static class NativeWindows
    {
        [StructLayout(LayoutKind.Sequential)]
        public struct SecurityAttributes
        {
            public int Length;
            public IntPtr SecurityDescriptor;
            public int InheritHandle;
        }

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        public static extern SafeFileHandle CreateFileW(string fileName, uint desiredAccess, uint shareMode,
            ref SecurityAttributes securityAttributes, uint creationDisposition, uint flagsAndAttributes, IntPtr templateFile);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string stringSecurityDescriptor,
            uint revision, out IntPtr securityDescriptor, IntPtr securityDescriptorSize);

        [DllImport("advapi32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool SetKernelObjectSecurity(SafeFileHandle handle, uint securityInformation, IntPtr securityDescriptor);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool ConvertSidToStringSidW(IntPtr sid, out IntPtr stringSid);

        [DllImport("advapi32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool OpenProcessToken(IntPtr processHandle, uint desiredAccess, out IntPtr tokenHandle);

        [DllImport("advapi32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool GetTokenInformation(IntPtr tokenHandle, int tokenInformationClass, IntPtr tokenInformation,
            int tokenInformationLength, out int returnLength);

        [DllImport("kernel32.dll")]
        public static extern IntPtr GetCurrentProcess();

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool CloseHandle(IntPtr handle);

        [DllImport("kernel32.dll")]
        public static extern IntPtr LocalFree(IntPtr memory);
    }
}
