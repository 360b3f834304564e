namespace OktaServiceApp.Core.Tests.Support;

/// <summary>
/// Trait names for what a test needs from the runtime. Mono (our .NET Framework runtime on Linux) has no ECDsa at all:
/// ECDsa.Create throws NotImplementedException. build.ps1 runs the net472 build there with <c>-notrait Requires=ECDsa</c>; these
/// tests still run on net10.0 and on Windows' .NET Framework, which has ECDsa.
/// </summary>
internal static class Requires
{
    public const string Name = "Requires";
    public const string ECDsa = "ECDsa";
}
