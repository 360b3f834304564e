namespace OktaEmulator.Faults;

internal enum FaultKind
{
    None,
    ServerError500,
    ServiceUnavailable503,
    Slow,
    Drop,
    Truncate,
}
