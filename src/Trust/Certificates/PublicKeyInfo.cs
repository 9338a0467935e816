using System.Formats.Asn1;

namespace Trust.Certificates;

/// <summary>Reads the algorithm and size out of a SubjectPublicKeyInfo and computes its key identifier.</summary>
public static class PublicKeyInfo
{
    /// <summary>Describes the key inside a DER SubjectPublicKeyInfo.</summary>
    public static PublicKeyKind Describe(ReadOnlyMemory<byte> spki)
    {
        var sequence = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
        var algorithm = sequence.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        var key = sequence.ReadBitString(out _);
        switch (oid)
        {
            case Oids.EcPublicKey:
                var curve = algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier)
                    ? algorithm.ReadObjectIdentifier()
                    : "explicit parameters";
                return curve switch
                {
                    Oids.CurveP256 => new("ECDSA", "P-256", 256),
                    Oids.CurveP384 => new("ECDSA", "P-384", 384),
                    Oids.CurveP521 => new("ECDSA", "P-521", 521),
                    _ => new("ECDSA", curve, (key.Length - 1) * 4),
                };
            case Oids.RsaEncryption:
                var rsa = new AsnReader(key, AsnEncodingRules.DER).ReadSequence();
                var modulus = rsa.ReadIntegerBytes().Span.TrimStart((byte)0);
                var bits = modulus.Length * 8 - (modulus.Length == 0 ? 0 : System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]) - 24);
                return new("RSA", null, bits);
            case Oids.Ed25519:
                return new("Ed25519", null, 256);
            default:
                return new(oid, null, key.Length * 8);
        }
    }

    /// <summary>
    /// RFC 5280 section 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents (as step and Go compute it).
    /// </summary>
    public static byte[] KeyIdentifier(ReadOnlySpan<byte> spki)
    {
        var sequence = new AsnReader(spki.ToArray(), AsnEncodingRules.DER).ReadSequence();
        sequence.ReadSequence();
        var key = sequence.ReadBitString(out _);
#pragma warning disable CA5350 // SHA-1 is what RFC 5280 method 1 specifies; it is an identifier, not a signature.
        return System.Security.Cryptography.SHA1.HashData(key);
#pragma warning restore CA5350
    }
}
