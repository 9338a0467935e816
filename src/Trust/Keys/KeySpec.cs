namespace Trust.Keys;

/// <summary>Key algorithm and size for a new key.</summary>
public sealed record KeySpec
{
    private KeySpec(string algorithm, int bits) { Algorithm = algorithm; Bits = bits; }

    /// <summary>"ECDSA" or "RSA".</summary>
    public string Algorithm { get; }

    /// <summary>Curve size (256, 384) or RSA modulus size (2048, 4096).</summary>
    public int Bits { get; }

    /// <summary>ECDSA on NIST P-256: the default, and the only issuer key Linkerd accepts.</summary>
    public static KeySpec EcP256 { get; } = new("ECDSA", 256);

    /// <summary>ECDSA on NIST P-384.</summary>
    public static KeySpec EcP384 { get; } = new("ECDSA", 384);

    /// <summary>RSA 2048 (trust anchors only).</summary>
    public static KeySpec Rsa2048 { get; } = new("RSA", 2048);

    /// <summary>RSA 4096 (trust anchors only).</summary>
    public static KeySpec Rsa4096 { get; } = new("RSA", 4096);

    /// <summary>True for RSA.</summary>
    public bool IsRsa => Algorithm == "RSA";

    /// <summary>
    /// Chooses a spec from CLI-style words: key type <c>ec</c>|<c>rsa</c>, curve <c>P-256</c>|<c>P-384</c>,
    /// RSA bits 2048|4096. Throws <see cref="TrustInputException"/> for anything else.
    /// </summary>
    public static KeySpec From(string keyType, string? curve, int? rsaBits)
    {
        switch (keyType.Trim().ToLowerInvariant())
        {
            case "ec" or "ecdsa":
                if (rsaBits is not null) throw new TrustInputException("--rsa-bits applies to RSA keys only");
                return (curve ?? "P-256").Trim().ToUpperInvariant() switch
                {
                    "P-256" or "P256" or "PRIME256V1" or "SECP256R1" => EcP256,
                    "P-384" or "P384" or "SECP384R1" => EcP384,
                    _ => throw new TrustInputException($"curve '{curve}' is not supported; use P-256 or P-384"),
                };
            case "rsa":
                if (curve is not null) throw new TrustInputException("--curve applies to EC keys only");
                return (rsaBits ?? 2048) switch
                {
                    2048 => Rsa2048,
                    4096 => Rsa4096,
                    _ => throw new TrustInputException($"RSA size {rsaBits} is not supported; Linkerd accepts exactly 2048 or 4096"),
                };
            default:
                throw new TrustInputException($"key type '{keyType}' is not supported; use ec or rsa");
        }
    }

    /// <inheritdoc />
    public override string ToString() => IsRsa ? $"RSA {Bits}" : $"ECDSA P-{Bits}";
}
