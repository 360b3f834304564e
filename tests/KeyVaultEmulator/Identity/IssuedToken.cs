namespace KeyVaultEmulator.Identity;

/// <summary>An access token the identity endpoint gave out: for one resource (its audience), until a time.</summary>
internal sealed record IssuedToken(string Value, string Resource, DateTimeOffset ExpiresOn);
