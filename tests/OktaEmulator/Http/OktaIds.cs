using System.Security.Cryptography;

namespace OktaEmulator.Http;

/// <summary>Ids shaped like Okta's, so clients that sniff prefixes or lengths see what they would see on a real org.</summary>
internal static class OktaIds
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64Url = Alnum + "-_";
    private const string Base32Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>App / client id: "0oa" + 17 alphanumerics (20 characters).</summary>
    public static string App() => "0oa" + Random(Alnum, 17);

    public static string JwkKey() => "pks" + Random(Alnum, 17);
    public static string Grant() => "oag" + Random(Alnum, 17);
    public static string User() => "00u" + Random(Alnum, 17);
    public static string Group() => "00g" + Random(Alnum, 17);
    public static string Org() => "00o" + Random(Alnum, 17);
    public static string CustomRole() => "cr0" + Random(Alnum, 17);
    public static string ResourceSet() => "iam" + Random(Alnum, 17);
    public static string ResourceSetResource() => "ire" + Random(Alnum, 17);

    /// <summary>A CUSTOM role assignment is a resource-set binding member: "irb…" in Okta's examples.</summary>
    public static string CustomRoleAssignment() => "irb" + Random(Alnum, 17);

    public static string PrincipalRateLimit() => "prl" + Random(Alnum, 17);

    /// <summary>Role assignment ids look like "JBCUYUC7IRCVGS27IFCE2SKO" in recordings.</summary>
    public static string RoleAssignment() => Random(Base32Upper, 24);

    public static string ErrorId() => "oae" + Random(Base64Url, 22);
    public static string RequestId() => Random(Base64Url, 27);
    public static string Secret(int length) => Random(Base64Url, length);

    private static string Random(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);
}
