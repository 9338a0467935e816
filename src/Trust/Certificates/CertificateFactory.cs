using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Keys;
using Trust.Time;

namespace Trust.Certificates;

/// <summary>
/// Creates anchors, issuers and leaves by writing the TBSCertificate with <see cref="AsnWriter"/> and signing it.
/// Takes "now" as an argument and randomness as a dependency; reads no clock.
/// </summary>
public sealed class CertificateFactory
{
    /// <summary>Default backdating of NotBefore for CA certificates, to tolerate clock skew between machines.</summary>
    public static readonly TimeSpan DefaultBackdate = TimeSpan.FromMinutes(1);

    /// <summary>Serial numbers carry 128 random bits (step uses 128; RFC 5280 allows up to 20 octets).</summary>
    public const int SerialBytes = 16;

    private readonly Action<Span<byte>> _random;

    /// <summary>Creates a factory; <paramref name="random"/> fills serial numbers (default: the system CSPRNG).</summary>
    public CertificateFactory(Action<Span<byte>>? random = null) => _random = random ?? RandomNumberGenerator.Fill;

    /// <summary>Creates a self-signed trust anchor.</summary>
    public IssuedCertificate CreateAnchor(AnchorProfile profile, SigningKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(key);
        CheckPathLength(profile.PathLength);
        var subject = SubjectName.Encode(profile.Subject);
        var notBefore = Truncate(profile.NotBefore?.Resolve(now) ?? now - profile.Backdate);
        var notAfter = Truncate(profile.NotAfter.Resolve(now));
        CheckWindow(notBefore, notAfter);
        var ski = PublicKeyInfo.KeyIdentifier(key.SubjectPublicKeyInfo);
        var der = Sign(key, subject, subject, notBefore, notAfter, key.SubjectPublicKeyInfo, writer =>
        {
            WriteKeyUsage(writer, X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign);
            WriteBasicConstraints(writer, true, profile.PathLength);
            WriteSubjectKeyId(writer, ski);
        });
        return new IssuedCertificate(CertificateInfo.Parse(der), []);
    }

    /// <summary>
    /// Creates an identity issuer (intermediate CA) for <paramref name="subjectKey"/>, signed by
    /// <paramref name="signerChain"/>[0] with <paramref name="signerKey"/>. NotBefore/NotAfter are clamped into the
    /// signer chain's validity, with a note saying so.
    /// </summary>
    public IssuedCertificate CreateIssuer(IssuerProfile profile, ReadOnlySpan<byte> subjectKey,
        IReadOnlyList<CertificateInfo> signerChain, SigningKey signerKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        CheckPathLength(profile.PathLength);
        var spki = subjectKey.ToArray();
        var subjectKind = PublicKeyInfo.Describe(spki);
        if (subjectKind.Algorithm != "ECDSA")
            throw new TrustInputException($"an identity issuer key must be ECDSA (Linkerd's issuer accepts P-256 only), not {subjectKind}");
        var signer = CheckSigner(signerChain, signerKey, now, issuingCa: true);
        var subject = SubjectName.Encode(profile.Subject);
        if (subject.AsSpan().SequenceEqual(signer.SubjectDer.Span))
            throw new TrustInputException(
                $"the issuer subject '{signer.Subject}' equals its CA's subject; use a distinct name (linkerd2#5350)");
        if (signer.PathLength is { } signerPath && profile.PathLength is { } path && path > signerPath - 1)
            throw new TrustInputException(
                $"--path-len {path} is too large: the CA's pathlen {signerPath} allows at most {signerPath - 1} below it");
        var notes = new List<string>();
        var (notBefore, notAfter) = Clamp("issuer", profile.NotBefore?.Resolve(now) ?? now - profile.Backdate,
            profile.NotAfter.Resolve(now), signerChain, notes);
        var ski = PublicKeyInfo.KeyIdentifier(spki);
        var der = Sign(signerKey, signer.SubjectDer, subject, notBefore, notAfter, spki, writer =>
        {
            WriteKeyUsage(writer, X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign);
            WriteBasicConstraints(writer, true, profile.PathLength);
            WriteSubjectKeyId(writer, ski);
            WriteAuthorityKeyId(writer, signer);
            if (profile.DnsNames.Count > 0) WriteDnsNames(writer, profile.DnsNames, critical: false);
        });
        return new IssuedCertificate(CertificateInfo.Parse(der), notes);
    }

    /// <summary>Creates a workload leaf certificate in Linkerd's shape, signed by <paramref name="issuerChain"/>[0].</summary>
    public IssuedCertificate CreateLeaf(LeafProfile profile, ReadOnlySpan<byte> subjectKey,
        IReadOnlyList<CertificateInfo> issuerChain, SigningKey issuerKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.DnsNames.Count == 0) throw new TrustInputException("a leaf certificate needs at least one DNS name (--san)");
        var spki = subjectKey.ToArray();
        var subjectKind = PublicKeyInfo.Describe(spki);
        if (subjectKind.Algorithm != "ECDSA")
            throw new TrustInputException($"a workload key must be ECDSA, not {subjectKind}");
        var issuer = CheckSigner(issuerChain, issuerKey, now, issuingCa: false);
        var subject = SubjectName.Encode(profile.Subject ?? profile.DnsNames[0]);
        var notes = new List<string>();
        var (notBefore, notAfter) = Clamp("leaf", profile.NotBefore?.Resolve(now) ?? now - profile.Backdate,
            profile.NotAfter.Resolve(now), issuerChain, notes);
        var der = Sign(issuerKey, issuer.SubjectDer, subject, notBefore, notAfter, spki, writer =>
        {
            WriteKeyUsage(writer, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
            WriteExtendedKeyUsage(writer, Oids.ServerAuth, Oids.ClientAuth);
            WriteSubjectKeyId(writer, PublicKeyInfo.KeyIdentifier(spki));
            WriteAuthorityKeyId(writer, issuer);
            WriteDnsNames(writer, profile.DnsNames, critical: false);
        });
        return new IssuedCertificate(CertificateInfo.Parse(der), notes);
    }

    private static void CheckPathLength(int? pathLength)
    {
        if (pathLength is < 0) throw new TrustInputException($"path length must be 0 or more, not {pathLength}");
    }

    private static CertificateInfo CheckSigner(IReadOnlyList<CertificateInfo> chain, SigningKey key, DateTimeOffset now, bool issuingCa)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(key);
        if (chain.Count == 0) throw new ArgumentException("the signer chain is empty", nameof(chain));
        var signer = chain[0];
        if (!key.Matches(signer.SubjectPublicKeyInfo.Span))
            throw new TrustInputException($"the CA key does not match the CA certificate '{signer.Subject}'");
        if (!signer.IsCertificateAuthority)
            throw new TrustInputException($"'{signer.Subject}' is not a CA (basicConstraints CA:TRUE missing); it cannot sign certificates");
        if (signer.KeyUsage is { } usage && !usage.HasFlag(X509KeyUsageFlags.KeyCertSign))
            throw new TrustInputException($"'{signer.Subject}' lacks keyUsage keyCertSign; it cannot sign certificates");
        if (issuingCa && signer.PathLength == 0)
            throw new TrustInputException($"'{signer.Subject}' has pathlen 0: it may sign leaves only, not another CA");
        foreach (var c in chain)
        {
            if (now > c.NotAfter) throw new TrustInputException($"'{c.Subject}' expired on {Rfc3339.Format(c.NotAfter)}; renew it before issuing from it");
        }
        return signer;
    }

    private static (DateTimeOffset, DateTimeOffset) Clamp(string what, DateTimeOffset notBefore, DateTimeOffset notAfter,
        IReadOnlyList<CertificateInfo> chain, List<string> notes)
    {
        notBefore = Truncate(notBefore);
        notAfter = Truncate(notAfter);
        CertificateInfo latestStart = chain[0], earliestEnd = chain[0];
        foreach (var c in chain)
        {
            if (c.NotBefore > latestStart.NotBefore) latestStart = c;
            if (c.NotAfter < earliestEnd.NotAfter) earliestEnd = c;
        }
        if (notBefore < latestStart.NotBefore)
        {
            notes.Add($"{what} NotBefore moved from {Rfc3339.Format(notBefore)} to {Rfc3339.Format(latestStart.NotBefore)}, the NotBefore of '{latestStart.Subject}'");
            notBefore = latestStart.NotBefore;
        }
        if (notAfter > earliestEnd.NotAfter)
        {
            notes.Add($"{what} NotAfter clamped from {Rfc3339.Format(notAfter)} to {Rfc3339.Format(earliestEnd.NotAfter)}, the NotAfter of '{earliestEnd.Subject}'");
            notAfter = earliestEnd.NotAfter;
        }
        CheckWindow(notBefore, notAfter);
        return (notBefore, notAfter);
    }

    private static void CheckWindow(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        if (notAfter <= notBefore)
            throw new TrustInputException($"NotAfter {Rfc3339.Format(notAfter)} is not after NotBefore {Rfc3339.Format(notBefore)}");
    }

    /// <summary>Certificates carry whole seconds; truncating before clamping keeps the comparison honest.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    private byte[] Sign(SigningKey signer, ReadOnlyMemory<byte> issuer, ReadOnlyMemory<byte> subject, DateTimeOffset notBefore, DateTimeOffset notAfter,
        byte[] spki, Action<AsnWriter> writeExtensions)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                writer.WriteInteger(2);
            writer.WriteIntegerUnsigned(NewSerial());
            signer.WriteSignatureAlgorithm(writer);
            writer.WriteEncodedValue(issuer.Span);
            using (writer.PushSequence())
            {
                WriteTime(writer, notBefore);
                WriteTime(writer, notAfter);
            }
            writer.WriteEncodedValue(subject.Span);
            writer.WriteEncodedValue(spki);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true)))
            using (writer.PushSequence())
                writeExtensions(writer);
        }
        var tbs = writer.Encode();
        var signature = signer.Sign(tbs);
        var certificate = new AsnWriter(AsnEncodingRules.DER);
        using (certificate.PushSequence())
        {
            certificate.WriteEncodedValue(tbs);
            signer.WriteSignatureAlgorithm(certificate);
            certificate.WriteBitString(signature);
        }
        return certificate.Encode();
    }

    private byte[] NewSerial()
    {
        Span<byte> serial = stackalloc byte[SerialBytes];
        _random(serial);
        var trimmed = serial.TrimStart((byte)0);
        return trimmed.IsEmpty ? [1] : trimmed.ToArray();
    }

    /// <summary>RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.</summary>
    private static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        if (time.Year is >= 1950 and < 2050) writer.WriteUtcTime(time);
        else writer.WriteGeneralizedTime(time, omitFractionalSeconds: true);
    }

    private static void WriteExtension(AsnWriter writer, string oid, bool critical, Action<AsnWriter> writeValue)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (critical) writer.WriteBoolean(true);
            var value = new AsnWriter(AsnEncodingRules.DER);
            writeValue(value);
            writer.WriteOctetString(value.Encode());
        }
    }

    private static void WriteKeyUsage(AsnWriter writer, X509KeyUsageFlags flags) =>
        WriteExtension(writer, Oids.KeyUsage, critical: true, w =>
        {
            var value = (int)flags;
            byte[] bits = (value & 0xFF00) != 0 ? [(byte)value, (byte)(value >> 8)] : value != 0 ? [(byte)value] : [];
            var unused = bits.Length == 0 ? 0 : System.Numerics.BitOperations.TrailingZeroCount((uint)bits[^1]);
            w.WriteBitString(bits, unused);
        });

    private static void WriteBasicConstraints(AsnWriter writer, bool ca, int? pathLength) =>
        WriteExtension(writer, Oids.BasicConstraints, critical: true, w =>
        {
            using (w.PushSequence())
            {
                if (ca) w.WriteBoolean(true);
                if (ca && pathLength is { } p) w.WriteInteger(p);
            }
        });

    private static void WriteSubjectKeyId(AsnWriter writer, byte[] keyId) =>
        WriteExtension(writer, Oids.SubjectKeyIdentifier, critical: false, w => w.WriteOctetString(keyId));

    private static void WriteAuthorityKeyId(AsnWriter writer, CertificateInfo signer)
    {
        var keyId = signer.SubjectKeyId ?? PublicKeyInfo.KeyIdentifier(signer.SubjectPublicKeyInfo);
        WriteExtension(writer, Oids.AuthorityKeyIdentifier, critical: false, w =>
        {
            using (w.PushSequence()) w.WriteOctetString(keyId, new Asn1Tag(TagClass.ContextSpecific, 0));
        });
    }

    private static void WriteExtendedKeyUsage(AsnWriter writer, params string[] oids) =>
        WriteExtension(writer, Oids.ExtendedKeyUsage, critical: false, w =>
        {
            using (w.PushSequence()) foreach (var oid in oids) w.WriteObjectIdentifier(oid);
        });

    private static void WriteDnsNames(AsnWriter writer, IReadOnlyList<string> names, bool critical) =>
        WriteExtension(writer, Oids.SubjectAltName, critical, w =>
        {
            using (w.PushSequence())
            {
                foreach (var name in names)
                {
                    var dns = name.Trim();
                    if (dns.Length == 0 || !System.Text.Ascii.IsValid(dns) || dns.Contains(' '))
                        throw new TrustInputException($"'{name}' is not a DNS name (ASCII only; use punycode for international names)");
                    w.WriteCharacterString(UniversalTagNumber.IA5String, dns, new Asn1Tag(TagClass.ContextSpecific, 2));
                }
            }
        });
}
