using System.Management.Automation;

namespace OneCmdletModule;

/// <summary>The one cmdlet of the import baseline.</summary>
[Cmdlet(VerbsCommon.Get, "BenchBaseline")]
[OutputType(typeof(string))]
public sealed class GetBenchBaselineCommand : PSCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord() => WriteObject("baseline");
}
