using System.Formats.Asn1;
using System.Numerics;

namespace Trust.Keys;

/// <summary>
/// Reads the work factor of an encrypted PKCS#8 key (RFC 5958 EncryptedPrivateKeyInfo) before anything is decrypted:
/// the iteration count is part of the file, so without a bound a crafted key with 2^31-1 PBKDF2 rounds keeps one
/// password attempt busy for about half an hour (found while writing the key reader's fuzz target, tests/Trust.Fuzz).
/// </summary>
internal static class EncryptedPkcs8
{
    /// <summary>
    /// The most iterations read: over three times the 600,000 we write and above OWASP's highest PBKDF2 figure
    /// (1,300,000 for HMAC-SHA1), so real keys pass, while a password attempt stays around a second.
    /// </summary>
    public const int MaxIterations = 2_000_000;

    private const string Pbes2 = "1.2.840.113549.1.5.13";
    private const string Pbkdf2 = "1.2.840.113549.1.5.12";

    /// <summary>
    /// The iteration count of PBES2 with PBKDF2, or of PBES1 and PKCS#12 password-based encryption (their parameters
    /// are salt then iterations too); null when the structure is something else, which the decryption then rejects.
    /// </summary>
    public static BigInteger? IterationCount(ReadOnlyMemory<byte> der)
    {
        try
        {
            var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var parameters = algorithm.ReadSequence();
            if (oid == Pbes2)
            {
                var kdf = parameters.ReadSequence();
                if (kdf.ReadObjectIdentifier() != Pbkdf2) return null;
                parameters = kdf.ReadSequence();
            }
            parameters.ReadEncodedValue(); // the salt
            return parameters.ReadInteger();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
