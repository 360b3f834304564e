using OktaServiceApp.Core.Tests.Scopes;
using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>Get-OktaRequiredScope agrees with Okta's specs on every operation they declare.</summary>
public sealed class RequiredScopeTests
{
    [Fact]
    public void GetOktaRequiredScope_AnswersTheSpecsScopes_ForEveryOperation()
    {
        var operations = SpecOperations.All.Value;
        var paths = operations.Select(o => SpecOperations.Concrete(o.Template)).ToArray();
        var methods = operations.Select(o => o.Method).ToArray();
        using var host = new PowerShellHost();
        // Bound by property name, as a CSV of calls would be.
        var answers = host.Invoke(
                "param($paths, $methods) 0..($paths.Count - 1) | ForEach-Object { [pscustomobject]@{ Path = $paths[$_]; Method = $methods[$_] } } | Get-OktaRequiredScope",
                ("paths", paths), ("methods", methods))
            .AssertNoErrors().Objects<OktaRequiredScope>().ToList();

        Assert.Equal(operations.Count, answers.Count);
        var disagreements = operations.Zip(answers)
            .Where(p => p.First.Template != p.Second.PathTemplate || p.First.Method != p.Second.Method || !p.First.Scopes.SequenceEqual(p.Second.Scope))
            .Select(p => $"{p.First.Method} {p.First.Template}: spec [{string.Join(" ", p.First.Scopes)}], cmdlet {p.Second.Method} {p.Second.PathTemplate} [{string.Join(" ", p.Second.Scope)}]")
            .ToList();
        Assert.Empty(disagreements);
    }

    [Fact]
    public void AnUnknownCall_IsOktaOperationUnknown()
    {
        using var host = new PowerShellHost();
        var result = host.Invoke("Get-OktaRequiredScope -Path /api/v1/nothing-here -Method GET");
        Assert.Equal("OktaOperationUnknown", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }
}
