using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>Issue item 9: one unknown and one forbidden client among five; the other three are done.</summary>
public sealed class PartialFailureTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public PartialFailureTests(EmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public void FiveClients_OneUnknownOneForbidden_ThreeDoneAndTwoErrorsWithClientIds()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var ids = host.Invoke("1..4 | ForEach-Object { (New-OktaServiceApp -Name \"five-$_\").ClientId }").AssertNoErrors()
            .Output.Select(o => (string)o.BaseObject).ToList();
        var forbidden = ids[3];
        const string unknown = "0oaDOESNOTEXIST0000";
        var input = new[] { ids[0], unknown, ids[1], forbidden, ids[2] };
        _fixture.Emulator.Configure(o => o.ForbiddenPathPrefixes = [$"/api/v1/apps/{forbidden}"]);
        try
        {
            var result = host.Invoke("param($ids) $ids | Grant-OktaScope okta.users.read, okta.apps.read; $?", ("ids", input));

            Assert.Equal(new[] { ids[0], ids[0], ids[1], ids[1], ids[2], ids[2] },
                result.Objects<OktaScopeGrant>().Select(g => g.ClientId));
            Assert.False((bool)result.Output.Last().BaseObject, "$? must be false after errors");
            Assert.Collection(result.Errors,
                e =>
                {
                    Assert.StartsWith("ObjectNotFound,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
                    Assert.Equal(unknown, e.TargetObject);
                },
                e =>
                {
                    Assert.StartsWith("PermissionDenied,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
                    Assert.Equal(forbidden, e.TargetObject);
                    Assert.False(string.IsNullOrEmpty(e.ErrorDetails?.Message));
                });
            foreach (var id in new[] { ids[0], ids[1], ids[2] })
            {
                Assert.Equal(2, _fixture.Emulator.State.GrantsFor(id).Count(g => g.Status == "ACTIVE"));
            }

            var stop = host.Invoke("param($ids) try { $ids | Grant-OktaScope okta.users.read -ErrorAction Stop; 'not stopped' } catch { $_.FullyQualifiedErrorId }",
                ("ids", input));
            Assert.StartsWith("ObjectNotFound,", (string)stop.Output.Last().BaseObject, StringComparison.Ordinal);
        }
        finally
        {
            _fixture.Emulator.Configure(o => o.ForbiddenPathPrefixes = []);
        }
    }
}
