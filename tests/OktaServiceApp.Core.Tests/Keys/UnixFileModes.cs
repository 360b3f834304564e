using System.Diagnostics;
using System.Runtime.InteropServices;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>A file's Unix permission bits, on net10.0 and on the net472 build that runs under Mono on Linux.</summary>
internal static class UnixFileModes
{
    public const int OwnerReadWrite = 0x180; // 0600
    public const int GroupRead = 0x20;       // 0040
    public const int OtherRead = 0x4;        // 0004

    public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

#if NETFRAMEWORK
    // .NET Framework has no File.GetUnixFileMode; under Mono, stat(1) and chmod(1) read and write the same bits.
    public static int Get(string path) => Convert.ToInt32(Run("stat", "-c", "%a", path).Trim(), 8);

    public static void Set(string path, int mode) => Run("chmod", Convert.ToString(mode, 8), path);

    private static string Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command, string.Join(" ", arguments.Select(a => "'" + a + "'")))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} failed with exit code {process.ExitCode}");
        return output;
    }
#else
    public static int Get(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException() : (int)File.GetUnixFileMode(path);

    public static void Set(string path, int mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        File.SetUnixFileMode(path, (UnixFileMode)mode);
    }
#endif
}
