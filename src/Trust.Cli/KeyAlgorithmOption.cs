using Trust.Keys;

namespace Trust.Cli;

/// <summary>The key options of <c>anchor create</c> (<c>--key-type</c>, <c>--curve</c>, <c>--rsa-bits</c>) as one algorithm.</summary>
internal static class KeyAlgorithmOption
{
    public static KeyAlgorithm From(string keyType, string? curve, int? rsaBits)
    {
        switch (keyType.Trim().ToLowerInvariant())
        {
            case "ec" or "ecdsa":
                if (rsaBits is not null) throw CliErrors.Error("--rsa-bits applies to RSA keys only");
                return (curve ?? "P-256").Trim().ToUpperInvariant() switch
                {
                    "P-256" or "P256" or "PRIME256V1" or "SECP256R1" => KeyAlgorithm.EcdsaP256,
                    "P-384" or "P384" or "SECP384R1" => KeyAlgorithm.EcdsaP384,
                    _ => throw CliErrors.Error($"--curve '{curve}' is not supported; use P-256 or P-384"),
                };
            case "rsa":
                if (curve is not null) throw CliErrors.Error("--curve applies to EC keys only");
                return (rsaBits ?? 2048) switch
                {
                    2048 => KeyAlgorithm.Rsa2048,
                    4096 => KeyAlgorithm.Rsa4096,
                    _ => throw CliErrors.Error($"--rsa-bits {rsaBits} is not supported; Linkerd accepts exactly 2048 or 4096"),
                };
            default:
                throw CliErrors.Error($"--key-type '{keyType}' is not supported; use ec or rsa");
        }
    }
}
