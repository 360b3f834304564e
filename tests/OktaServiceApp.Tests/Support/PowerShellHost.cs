using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OktaEmulator;

namespace OktaServiceApp.Tests.Support;

/// <summary>A runspace with the module's cmdlets, connected to an emulator.</summary>
public sealed class PowerShellHost : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellHost(OktaOrgEmulator? emulator = null)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(typeof(PowerShell.Commands.OktaCmdlet).Assembly.Location);
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        if (emulator is not null)
        {
            Invoke("param($url, $token) Connect-Okta -OrgUrl $url -ApiToken $token | Out-Null",
                ("url", emulator.OrgUrlString), ("token", emulator.ApiToken)).AssertNoErrors();
        }
    }

    public Result Invoke(string script, params (string Name, object? Value)[] parameters)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var (name, value) in parameters)
        {
            ps.AddParameter(name, value);
        }

        var output = ps.Invoke();
        return new Result(output, ps.Streams.Error.ToList(), ps.Streams.Verbose.Select(v => v.Message).ToList());
    }

    /// <summary>Starts a script asynchronously, for stopping it midway.</summary>
    public System.Management.Automation.PowerShell Begin(string script)
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        ps.BeginInvoke();
        return ps;
    }

    public void Dispose() => _runspace.Dispose();

    public sealed record Result(Collection<PSObject> Output, List<ErrorRecord> Errors, List<string> Verbose)
    {
        public Result AssertNoErrors()
        {
            Assert.True(Errors.Count == 0, string.Join("\n", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
            return this;
        }

        public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();
    }
}
