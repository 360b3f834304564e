namespace OktaEmulator.Dpop;

/// <summary>Outcome of a DPoP proof check: the key thumbprint and nonce on success, Okta's error description otherwise.</summary>
internal sealed record DpopProofResult(string? Jkt, string? Nonce, string? Error)
{
    public bool IsValid => Error is null;

    public static DpopProofResult Fail(string error) => new(null, null, error);
}
