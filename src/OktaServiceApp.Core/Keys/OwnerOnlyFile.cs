using System.Runtime.InteropServices;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// Opens a file for writing that only the current user can read, with the permission in place before the first byte
/// is written, so no other user can open the file in the window between creation and a later chmod/ACL change.
/// netstandard2.0 has neither File.SetUnixFileMode nor FileSecurity, hence the native calls.
/// </summary>
internal static partial class OwnerOnlyFile
{
    /// <summary>Throws KeyException FileExists when the file exists and <paramref name="overwrite"/> is false.
    /// An existing file that is overwritten gets the owner-only permission before it is truncated and written.</summary>
    public static FileStream Create(string fullPath, bool overwrite)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return CreateOnWindows(fullPath, overwrite);
        }

        return CreateOnUnix(fullPath, overwrite);
    }

    private static KeyException Exists(string path) =>
        new(KeyProblem.FileExists, $"The file '{path}' already exists; pass overwrite to replace it.");
}
