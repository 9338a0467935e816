using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Findings;
using Trust.Keys;
using Trust.Time;
using Trust.Validation;

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
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> or <paramref name="key"/> is null.</exception>
    /// <exception cref="TrustInputException">The profile cannot be made into a certificate: a bad subject, a negative
    /// path length, or an empty validity window (ids <c>subject-invalid</c>, <c>path-length-invalid</c>, <c>validity-invalid</c>).</exception>
    public IssuedCertificate CreateAnchor(AnchorProfile profile, SigningKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(key);
        CheckPathLength(profile.PathLength);
        var subject = SubjectName.Encode(profile.Subject);
        var notBefore = CertificateTime.TruncateToSecond(profile.NotBefore?.Resolve(now) ?? now - profile.Backdate);
        var notAfter = CertificateTime.TruncateToSecond(CertificateTime.ResolveNotAfter(profile.NotAfter, now, "anchor"));
        CheckWindow(notBefore, notAfter);
        var ski = PublicKeyInfo.KeyIdentifier(key.SubjectPublicKeyInfo);
        var der = Sign(key, subject, subject, notBefore, notAfter, key.SubjectPublicKeyInfo, writer =>
        {
            WriteKeyUsage(writer, X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign);
            WriteBasicConstraints(writer, true, profile.PathLength);
            WriteSubjectKeyId(writer, ski);
        });
        var anchor = CertificateInfo.ParseOwned(der);
        return new IssuedCertificate(anchor, [])
        {
            Warnings = LinkerdAlgorithms.CreationWarnings(anchor, null, isIssuer: false).ToList().AsReadOnly(),
        };
    }

    /// <summary>
    /// Creates an identity issuer (intermediate CA) for <paramref name="subjectKey"/>, signed by
    /// <paramref name="signerChain"/>[0] with <paramref name="signerKey"/>. NotBefore/NotAfter are clamped into the
    /// signer chain's validity, with a note saying so. Ask <see cref="CheckSigner"/> first to learn, without an
    /// exception, whether the signer may sign.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/>, <paramref name="signerChain"/> or <paramref name="signerKey"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="signerChain"/> is empty.</exception>
    /// <exception cref="TrustInputException">The subject key is not ECDSA, the signer may not sign a CA (see
    /// <see cref="CheckSigner"/>), the subject equals the signer's, the path length does not fit under the signer's, a
    /// DNS name the nameConstraints of a CA above forbid (id <c>ca-name-constraints</c>), or the clamped validity window
    /// is empty.</exception>
    public IssuedCertificate CreateIssuer(IssuerProfile profile, ReadOnlySpan<byte> subjectKey,
        IReadOnlyList<CertificateInfo> signerChain, SigningKey signerKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        CheckPathLength(profile.PathLength);
        var spki = subjectKey.ToArray();
        var subjectKind = PublicKeyInfo.Describe(spki);
        if (subjectKind.Algorithm != PublicKeyAlgorithm.Ecdsa)
            throw new TrustInputException(FindingIds.KeyAlgorithmUnsupported,
                $"an identity issuer key must be ECDSA (Linkerd's issuer accepts P-256 only), not {subjectKind}",
                new Remedy(RemedyAction.UseSupportedAlgorithm, "give the issuer an ECDSA P-256 key"));
        var signer = EnsureSigner(signerChain, signerKey, signsCertificateAuthority: true, now);
        var subject = SubjectName.Encode(profile.Subject);
        if (subject.AsSpan().SequenceEqual(signer.SubjectDer.Span))
            throw new TrustInputException(FindingIds.SubjectSameAsCa,
                $"the issuer subject '{signer.Subject}' equals its CA's subject; use a distinct name (linkerd2#5350)",
                new Remedy(RemedyAction.UseDistinctSubject, "give the issuer a subject distinct from its anchor's"));
        if (signer.PathLength is { } signerPath && profile.PathLength is { } path && path > signerPath - 1)
            throw new TrustInputException(FindingIds.PathLengthInvalid,
                $"path length {path} is too large: the CA's pathlen {signerPath} allows at most {signerPath - 1} below it",
                new Remedy(RemedyAction.FixPathLength, $"use a path length of at most {signerPath - 1}"));
        var notes = new List<string>();
        var (notBefore, notAfter) = Clamp("issuer", profile.NotBefore?.Resolve(now) ?? now - profile.Backdate,
            CertificateTime.ResolveNotAfter(profile.NotAfter, now, "issuer"), signerChain, notes);
        var ski = PublicKeyInfo.KeyIdentifier(spki);
        var der = Sign(signerKey, signer.SubjectDer, subject, notBefore, notAfter, spki, writer =>
        {
            WriteKeyUsage(writer, X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign);
            WriteBasicConstraints(writer, true, profile.PathLength);
            WriteSubjectKeyId(writer, ski);
            WriteAuthorityKeyId(writer, signer);
            if (profile.DnsNames.Count > 0) WriteDnsNames(writer, profile.DnsNames, critical: false);
        });
        var issuer = EnsureNamesAllowed(CertificateInfo.ParseOwned(der), signerChain);
        return new IssuedCertificate(issuer, notes.AsReadOnly())
        {
            Warnings = LinkerdAlgorithms.CreationWarnings(issuer, signerChain[^1].IsSelfIssued ? signerChain[^1] : null, isIssuer: true).ToList().AsReadOnly(),
        };
    }

    /// <summary>Creates a workload leaf certificate in Linkerd's shape, signed by <paramref name="issuerChain"/>[0].</summary>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/>, <paramref name="issuerChain"/> or <paramref name="issuerKey"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="issuerChain"/> is empty.</exception>
    /// <exception cref="TrustInputException">No DNS name or a bad one, a subject key that is not ECDSA, an issuer that
    /// may not sign (see <see cref="CheckSigner"/>), a DNS name the nameConstraints of a CA above forbid (id
    /// <c>ca-name-constraints</c>), or an empty clamped validity window.</exception>
    public IssuedCertificate CreateLeaf(LeafProfile profile, ReadOnlySpan<byte> subjectKey,
        IReadOnlyList<CertificateInfo> issuerChain, SigningKey issuerKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.DnsNames.Count == 0)
            throw new TrustInputException(FindingIds.DnsNameInvalid, "a leaf certificate needs at least one DNS name",
                new Remedy(RemedyAction.FixInput, "give the workload's DNS name"));
        var spki = subjectKey.ToArray();
        var subjectKind = PublicKeyInfo.Describe(spki);
        if (subjectKind.Algorithm != PublicKeyAlgorithm.Ecdsa)
            throw new TrustInputException(FindingIds.KeyAlgorithmUnsupported, $"a workload key must be ECDSA, not {subjectKind}",
                new Remedy(RemedyAction.UseSupportedAlgorithm, "give the workload an ECDSA P-256 key"));
        var issuer = EnsureSigner(issuerChain, issuerKey, signsCertificateAuthority: false, now);
        var subject = SubjectName.Encode(profile.Subject ?? profile.DnsNames[0]);
        var notes = new List<string>();
        var (notBefore, notAfter) = Clamp("leaf", profile.NotBefore?.Resolve(now) ?? now - profile.Backdate,
            CertificateTime.ResolveNotAfter(profile.NotAfter, now, "leaf"), issuerChain, notes);
        var der = Sign(issuerKey, issuer.SubjectDer, subject, notBefore, notAfter, spki, writer =>
        {
            WriteKeyUsage(writer, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
            WriteExtendedKeyUsage(writer, Oids.ServerAuth, Oids.ClientAuth);
            WriteSubjectKeyId(writer, PublicKeyInfo.KeyIdentifier(spki));
            WriteAuthorityKeyId(writer, issuer);
            WriteDnsNames(writer, profile.DnsNames, critical: false);
        });
        return new IssuedCertificate(EnsureNamesAllowed(CertificateInfo.ParseOwned(der), issuerChain), notes.AsReadOnly());
    }

    private static void CheckPathLength(int? pathLength)
    {
        if (pathLength is < 0)
            throw new TrustInputException(FindingIds.PathLengthInvalid, $"path length must be 0 or more, not {pathLength}",
                new Remedy(RemedyAction.FixPathLength, "use a path length of 0 or more, or none"));
    }

    /// <summary>
    /// Why <paramref name="signerChain"/>[0] with <paramref name="signerKey"/> may not sign a new certificate at
    /// <paramref name="now"/>, or null when it may: the key must match the certificate, and every CA in the chain must
    /// pass <see cref="SigningAuthority.Check"/> for its place (the signer has one intermediate below it when it signs
    /// a CA, none when it signs a leaf). A chain that ends in a self-issued certificate ends at an anchor.
    /// </summary>
    /// <param name="signerChain">The signer first, then the CAs above it, as far as known.</param>
    /// <param name="signerKey">The signer's private key.</param>
    /// <param name="signsCertificateAuthority">True when the new certificate is a CA (an identity issuer).</param>
    /// <param name="now">The time of signing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="signerChain"/> or <paramref name="signerKey"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="signerChain"/> is empty.</exception>
    public static Finding? CheckSigner(IReadOnlyList<CertificateInfo> signerChain, SigningKey signerKey,
        bool signsCertificateAuthority, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signerChain);
        ArgumentNullException.ThrowIfNull(signerKey);
        if (signerChain.Count == 0) throw new ArgumentException("the signer chain is empty", nameof(signerChain));
        var signer = signerChain[0];
        if (!signerKey.Matches(signer.SubjectPublicKeyInfo.Span))
            return new Finding(FindingIds.KeyMismatch, $"the CA key does not match the CA certificate '{signer.Subject}'",
                new Remedy(RemedyAction.ProvideMatchingKey, "give the private key that belongs to the CA certificate"));
        var below = signsCertificateAuthority ? 1 : 0;
        for (var i = 0; i < signerChain.Count; i++)
        {
            var ca = signerChain[i];
            var role = i == signerChain.Count - 1 && ca.IsSelfIssued ? CaRole.Anchor : CaRole.Intermediate;
            if (SigningAuthority.Check(ca, role, below + i, now) is { } problem) return problem;
        }
        return null;
    }

    /// <summary>
    /// Refuses a new certificate whose names a CA above it may not vouch for (its nameConstraints): verification would
    /// refuse the chain, so signing it only hands the user a certificate that fails later.
    /// </summary>
    private static CertificateInfo EnsureNamesAllowed(CertificateInfo created, IReadOnlyList<CertificateInfo> signerChain)
    {
        var below = new List<CertificateInfo>(signerChain.Count + 1) { created };
        foreach (var ca in signerChain)
        {
            if (SigningAuthority.CheckNames(ca, below) is { } problem) throw new TrustInputException(problem);
            below.Add(ca);
        }
        return created;
    }

    private static CertificateInfo EnsureSigner(IReadOnlyList<CertificateInfo> chain, SigningKey key, bool signsCertificateAuthority, DateTimeOffset now)
    {
        if (CheckSigner(chain, key, signsCertificateAuthority, now) is { } problem) throw new TrustInputException(problem);
        return chain[0];
    }

    private static (DateTimeOffset, DateTimeOffset) Clamp(string what, DateTimeOffset notBefore, DateTimeOffset notAfter,
        IReadOnlyList<CertificateInfo> chain, List<string> notes)
    {
        notBefore = CertificateTime.TruncateToSecond(notBefore);
        notAfter = CertificateTime.TruncateToSecond(notAfter);
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
            throw new TrustInputException(FindingIds.ValidityInvalid,
                $"NotAfter {Rfc3339.Format(notAfter)} is not after NotBefore {Rfc3339.Format(notBefore)}",
                new Remedy(RemedyAction.FixValidity, "choose a NotAfter later than NotBefore, inside the signer's validity"));
    }

    private byte[] Sign(SigningKey signer, ReadOnlyMemory<byte> issuer, ReadOnlyMemory<byte> subject, DateTimeOffset notBefore, DateTimeOffset notAfter,
        ReadOnlyMemory<byte> spki, Action<AsnWriter> writeExtensions)
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
            writer.WriteEncodedValue(spki.Span);
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
            // The usages written here (keyCertSign, cRLSign, digitalSignature, keyEncipherment) all sit in the first
            // byte; DER drops the trailing zero bits of a named bit list.
            var bits = (byte)flags;
            w.WriteBitString([bits], System.Numerics.BitOperations.TrailingZeroCount((uint)bits));
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
        var keyId = signer.SubjectKeyId ?? PublicKeyInfo.KeyIdentifier(signer.SubjectPublicKeyInfo).AsMemory();
        WriteExtension(writer, Oids.AuthorityKeyIdentifier, critical: false, w =>
        {
            using (w.PushSequence()) w.WriteOctetString(keyId.Span, new Asn1Tag(TagClass.ContextSpecific, 0));
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
                        throw new TrustInputException(FindingIds.DnsNameInvalid, $"'{name}' is not a DNS name (ASCII only; use punycode for international names)");
                    if (System.Net.IPAddress.TryParse(dns, out _))
                        throw new TrustInputException(FindingIds.DnsNameInvalid, $"'{name}' is an IP address, not a DNS name; Linkerd identities are DNS names");
                    w.WriteCharacterString(UniversalTagNumber.IA5String, dns, new Asn1Tag(TagClass.ContextSpecific, 2));
                }
            }
        });
}
