namespace KeyVaultEmulator.Vault;

/// <summary>A key to create: RSA with a size, or EC on a curve; <see cref="Hsm"/> gives the "-HSM" key type of a premium vault.</summary>
public sealed record KeySpec(string Kty, int Size = 2048, string Curve = "P-256", bool Hsm = false, bool Enabled = true)
{
    public static KeySpec Rsa(int size = 2048) => new("RSA", Size: size);

    public static KeySpec Ec(string curve = "P-256") => new("EC", Curve: curve);
}
