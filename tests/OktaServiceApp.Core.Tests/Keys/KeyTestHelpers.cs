using System.Diagnostics;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>Shared test plumbing: JWS decoding, IdentityModel verification and the optional openssl binary.</summary>
internal static class KeyTestHelpers
{
    public const string OpensslPath = "/usr/bin/openssl";

    public static bool HasOpenssl => File.Exists(OpensslPath);

    public static JsonElement DecodeSegment(string compact, int index)
    {
        var segment = compact.Split('.')[index];
        using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(segment));
        return document.RootElement.Clone();
    }

    public static IReadOnlyList<string> PropertyNames(JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToList();

    public static JsonWebKey ToIdentityModelKey(SigningKey key) =>
        new(System.Text.Json.JsonSerializer.Serialize(key.ToPublicJwk()));

    public static async Task<TokenValidationResult> ValidateAsync(string token, SecurityKey key,
        Action<TokenValidationParameters>? configure = null)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        configure?.Invoke(parameters);
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
    }

    /// <summary>Runs openssl with the arguments; returns exit code and stderr.</summary>
    public static (int ExitCode, string Error) RunOpenssl(params string[] arguments)
    {
        var start = new ProcessStartInfo(OpensslPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
#if NETFRAMEWORK
        // No ArgumentList before .NET Core 2.1; the arguments here are paths and option names, so quoting is enough.
        start.Arguments = string.Join(" ", arguments.Select(a => "\"" + a + "\""));
#else
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
#endif

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "okta-key-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
