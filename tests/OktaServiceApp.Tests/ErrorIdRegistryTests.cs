using System.Reflection;
using System.Text.RegularExpressions;
using OktaServiceApp.Core.Access;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.Tests;

/// <summary>
/// The ErrorIds are the module's contract: the registry, the checked-in list and about_OktaServiceApp hold the same ids, and
/// every engine problem maps to one of them.
/// </summary>
public sealed class ErrorIdRegistryTests
{
    private static readonly string[] s_registry = typeof(ErrorIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .OrderBy(id => id, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void TheRegistry_IsTheCheckedInList()
    {
        var checkedIn = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "ErrorIds.txt"))
            .Where(line => line.Length > 0)
            .ToArray();
        // A renamed or dropped id breaks scripts that catch on it; change ErrorIds.txt only when adding one.
        Assert.Equal(checkedIn, s_registry);
    }

    [Fact]
    public void NoTwoConstants_ShareAnId()
    {
        Assert.Equal(s_registry.Length, s_registry.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryKeyProblem_HasAnIdOfItsOwn() =>
        AssertEachMapped(Enum.GetValues(typeof(KeyProblem)).Cast<KeyProblem>(), p => OktaErrors.IdFor(p),
            p => OktaErrors.FromKey(new KeyException(p, "x"), null).FullyQualifiedErrorId);

    [Fact]
    public void EveryConfigurationProblem_HasAnIdOfItsOwn() =>
        AssertEachMapped(Enum.GetValues(typeof(ConfigurationProblem)).Cast<ConfigurationProblem>(), p => OktaErrors.IdFor(p),
            p => OktaErrors.FromConfiguration(new OktaConfigurationException(p, "x"), null).FullyQualifiedErrorId);

    [Fact]
    public void EveryAccessProblem_HasAnIdOfItsOwn() =>
        AssertEachMapped(Enum.GetValues(typeof(AccessProblem)).Cast<AccessProblem>(), p => OktaErrors.IdFor(p),
            p => OktaErrors.FromAccess(new AccessException(p, "x"), null).FullyQualifiedErrorId);

    [Fact]
    public void EveryOktaErrorKind_MapsIntoTheRegistry()
    {
        foreach (var kind in Enum.GetValues(typeof(OktaErrorKind)).Cast<OktaErrorKind>())
        {
            var id = OktaErrors.FromApi(new OktaApiException(kind, "x"), null).FullyQualifiedErrorId;
            Assert.Contains(id, s_registry);
            Assert.Equal(OktaErrors.IdFor(kind), id);
        }

        // Only Other is the catch-all; every named failure has an id that says what it is.
        Assert.Equal(ErrorIds.ApiError, OktaErrors.IdFor(OktaErrorKind.Other));
        Assert.Single(Enum.GetValues(typeof(OktaErrorKind)).Cast<OktaErrorKind>(), k => OktaErrors.IdFor(k) == ErrorIds.ApiError);
    }

    [Theory]
    [InlineData("invalid_client", ErrorIds.InvalidClient)]
    [InlineData("invalid_scope", ErrorIds.InvalidScope)]
    [InlineData("consent_required", ErrorIds.ConsentRequired)]
    [InlineData("invalid_dpop_proof", ErrorIds.InvalidDpopProof)]
    [InlineData("use_dpop_nonce", ErrorIds.InvalidDpopProof)]
    [InlineData("unauthorized_client", ErrorIds.UnauthorizedClient)]
    [InlineData("insufficient_scope", ErrorIds.InsufficientScope)]
    [InlineData("invalid_token", ErrorIds.InvalidToken)]
    public void AnOAuthError_TakesPrecedenceOverTheHttpKind(string oauthError, string expected)
    {
        var e = new OktaApiException(OktaErrorKind.BadRequest, "x") { OAuthError = oauthError };
        Assert.Equal(expected, OktaErrors.FromApi(e, null).FullyQualifiedErrorId);
    }

    [Fact]
    public void EveryOAuthMapping_YieldsARegistryId()
    {
        Assert.NotEmpty(OktaErrors.OAuthErrorIds);
        Assert.All(OktaErrors.OAuthErrorIds.Values, id => Assert.Contains(id, s_registry));
    }

    [Fact]
    public void AnUnknownOAuthError_FallsBackToTheHttpKind()
    {
        var e = new OktaApiException(OktaErrorKind.Unauthorized, "x") { OAuthError = "some_new_error" };
        Assert.Equal(ErrorIds.AuthenticationFailed, OktaErrors.FromApi(e, null).FullyQualifiedErrorId);
    }

    [Fact]
    public void AnExceptionTheModuleDidNotForesee_IsOktaUnexpectedError()
    {
        Assert.Equal(ErrorIds.Unexpected, OktaErrors.FromException(new InvalidOperationException("x"), null)!.FullyQualifiedErrorId);
        Assert.Null(OktaErrors.FromException(new OperationCanceledException(), null));
    }

    [Fact]
    public void TheAboutTopic_ListsExactlyTheRegistry_EachWithAMeaning()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "about_OktaServiceApp.help.txt"));
        var start = Array.IndexOf(lines, "ERRORS");
        Assert.True(start >= 0, "about_OktaServiceApp has no ERRORS section.");
        var section = lines.Skip(start + 1).TakeWhile(line => line.Length == 0 || line.StartsWith(" ", StringComparison.Ordinal)).ToArray();
        var listed = new List<string>();
        for (var i = 0; i < section.Length; i++)
        {
            // An entry is the id alone on a line indented by four, and its meaning on the next line indented by eight.
            var entry = Regex.Match(section[i], "^    ([A-Za-z]+)$");
            if (!entry.Success)
            {
                continue;
            }

            listed.Add(entry.Groups[1].Value);
            Assert.True(i + 1 < section.Length && Regex.IsMatch(section[i + 1], "^        \\S.{8,}$"),
                $"{entry.Groups[1].Value} has no line of meaning under it.");
        }

        Assert.Equal(s_registry, listed.OrderBy(id => id, StringComparer.Ordinal).ToArray());
    }

    private static void AssertEachMapped<T>(IEnumerable<T> problems, Func<T, string?> idFor, Func<T, string> recordId)
    {
        var ids = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var problem in problems)
        {
            var id = idFor(problem);
            Assert.True(id is not null, $"{typeof(T).Name}.{problem} has no ErrorId; add one to ErrorIds, OktaErrors.IdFor, " +
                "ErrorIds.txt and about_OktaServiceApp.");
            Assert.Contains(id, s_registry);
            Assert.Equal(id, recordId(problem));
            // Each problem is its own id within its enum: one id, one meaning.
            Assert.True(ids.TryAdd(id!, problem), $"{typeof(T).Name}.{problem} and .{(ids.TryGetValue(id!, out var other) ? other : default)} share {id}.");
        }
    }
}
