using System.Runtime.InteropServices;
using System.Security;

namespace OktaServiceApp.Core.Secrets;

/// <summary>Moves secrets between SecureString and string at the last possible moment: the one place that unwraps a SecureString,
/// for the cmdlets and the engine alike.</summary>
public static class SecureText
{
    public static SecureString From(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public static string ToPlain(SecureString value)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
            return Marshal.PtrToStringUni(pointer) ?? "";
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
