namespace OktaEmulator.Faults;

internal enum FaultKind
{
    None,
    ServerError500,
    ServiceUnavailable503,
    Slow,
    Drop,
    Truncate,

    /// <summary>Applied, then answered 500 (<see cref="AppliedFault"/>).</summary>
    ServerError500AfterApply,

    /// <summary>Applied, then the connection is dropped (<see cref="AppliedFault"/>).</summary>
    DropAfterApply,
}
