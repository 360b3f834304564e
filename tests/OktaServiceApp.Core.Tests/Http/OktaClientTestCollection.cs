using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>
/// The OktaClient test classes run one at a time, as they did when they were a single class: several assert on real
/// elapsed time (timeouts, cancellation), and splitting the file should not change how the suite is scheduled.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OktaClientTestCollection
{
    public const string Name = "OktaClient";
}
