using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Findings;

namespace Trust.Certificates;

/// <summary>
/// An X.509 certificate read straight from its DER with <see cref="AsnReader"/>: the fields that identity,
/// bundles and checks need, without creating an <see cref="X509Certificate2"/> (which costs more than a signature).
/// Identity is the SHA-256 of the DER.
/// </summary>
public sealed class CertificateInfo
{
    private string? _subject;
    private string? _issuer;
    private string? _fingerprint;

    private CertificateInfo(ReadOnlyMemory<byte> der) => Der = der;

    /// <summary>SHA-256 of the DER as an array, shared: never handed out or modified.</summary>
    internal byte[] Sha256Bytes { get; private set; } = [];

    /// <summary>The whole certificate, DER encoded.</summary>
    public ReadOnlyMemory<byte> Der { get; }

    /// <summary>SHA-256 of <see cref="Der"/>: the certificate's identity in bundles.</summary>
    public ReadOnlyMemory<byte> Sha256 => Sha256Bytes;

    /// <summary>The signed part (TBSCertificate), DER encoded.</summary>
    public ReadOnlyMemory<byte> TbsDer { get; private set; }

    /// <summary>X.509 version (1, 2 or 3).</summary>
    public int Version { get; private set; }

    /// <summary>Serial number as big-endian unsigned bytes (leading zeros stripped).</summary>
    public ReadOnlyMemory<byte> SerialNumber { get; private set; }

    /// <summary>Signature algorithm OID from the outer certificate.</summary>
    public string SignatureAlgorithm { get; private set; } = "";

    /// <summary>The signature algorithm's display name (<c>ECDSA-SHA256</c>, <c>SHA256-RSA</c>, ...; the OID when unknown).</summary>
    public string SignatureAlgorithmName => Oids.Describe(SignatureAlgorithm);

    /// <summary>True when the outer signature algorithm matches the one inside the TBS, as RFC 5280 requires.</summary>
    public bool SignatureAlgorithmsAgree { get; private set; }

    /// <summary>The signature value (a slice of <see cref="Der"/>).</summary>
    public ReadOnlyMemory<byte> Signature { get; private set; }

    /// <summary>Issuer name, DER encoded (compared byte for byte when building chains, as Go does).</summary>
    public ReadOnlyMemory<byte> IssuerDer { get; private set; }

    /// <summary>Subject name, DER encoded.</summary>
    public ReadOnlyMemory<byte> SubjectDer { get; private set; }

    /// <summary>Issuer name for display (RFC 4514 style, e.g. <c>CN=root.linkerd.cluster.local</c>).</summary>
    public string Issuer => _issuer ??= DescribeName(IssuerDer);

    /// <summary>Subject name for display.</summary>
    public string Subject => _subject ??= DescribeName(SubjectDer);

    /// <summary>Start of validity, inclusive.</summary>
    public DateTimeOffset NotBefore { get; private set; }

    /// <summary>End of validity, inclusive.</summary>
    public DateTimeOffset NotAfter { get; private set; }

    /// <summary>SubjectPublicKeyInfo, DER encoded.</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; private set; }

    /// <summary>Algorithm, curve and size of the subject public key.</summary>
    public PublicKeyKind PublicKey { get; private set; } = new(PublicKeyAlgorithm.Unknown, EllipticCurve.None, 0);

    /// <summary>True when the basicConstraints extension is present.</summary>
    public bool HasBasicConstraints { get; private set; }

    /// <summary>basicConstraints cA.</summary>
    public bool IsCertificateAuthority { get; private set; }

    /// <summary>basicConstraints pathLenConstraint, when present.</summary>
    public int? PathLength { get; private set; }

    /// <summary>True when basicConstraints is marked critical.</summary>
    public bool BasicConstraintsCritical { get; private set; }

    /// <summary>keyUsage bits, or null when the extension is absent.</summary>
    public X509KeyUsageFlags? KeyUsage { get; private set; }

    /// <summary>extendedKeyUsage OIDs, or null when the extension is absent.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsage { get; private set; }

    /// <summary>extendedKeyUsage as display names (<c>serverAuth</c>, <c>clientAuth</c>, ...; OIDs when unknown), or null when absent.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsageNames => ExtendedKeyUsage?.Select(Oids.Describe).ToArray();

    /// <summary>True when the keyUsage extension is present and marked critical.</summary>
    public bool KeyUsageCritical => IsCritical(Oids.KeyUsage);

    /// <summary>True when the extension <paramref name="oid"/> is present and marked critical.</summary>
    public bool IsCritical(string oid)
    {
        foreach (var (o, critical) in Extensions)
            if (o == oid) return critical;
        return false;
    }

    /// <summary>subjectKeyIdentifier, when present.</summary>
    public ReadOnlyMemory<byte>? SubjectKeyId { get; private set; }

    /// <summary>authorityKeyIdentifier keyIdentifier, when present.</summary>
    public ReadOnlyMemory<byte>? AuthorityKeyId { get; private set; }

    /// <summary>DNS names in subjectAltName.</summary>
    public IReadOnlyList<string> DnsNames { get; private set; } = [];

    /// <summary>Other subjectAltName entries, described as <c>IP:…</c>, <c>URI:…</c>, <c>email:…</c>.</summary>
    public IReadOnlyList<string> OtherNames { get; private set; } = [];

    /// <summary>subjectAltName entries as typed values, for name constraints (DNS, email, URI and IP; other forms are skipped).</summary>
    internal IReadOnlyList<AltName> AltNames { get; private set; } = [];

    /// <summary>True when the subjectAltName extension is present (Go checks name constraints only against certificates that have one).</summary>
    internal bool HasSubjectAltName { get; private set; }

    /// <summary>The nameConstraints extension, when present.</summary>
    internal NameConstraints? NameConstraints { get; private set; }

    /// <summary>OIDs of critical extensions this library does not interpret (chain validation rejects these).</summary>
    public IReadOnlyList<string> UnhandledCriticalExtensions { get; private set; } = [];

    /// <summary>All extension OIDs in order, with their criticality.</summary>
    public IReadOnlyList<(string Oid, bool Critical)> Extensions { get; private set; } = [];

    /// <summary>True when subject and issuer names are byte-for-byte equal.</summary>
    public bool IsSelfIssued => SubjectDer.Span.SequenceEqual(IssuerDer.Span);

    /// <summary>Total lifetime NotAfter - NotBefore.</summary>
    public TimeSpan Lifetime => NotAfter - NotBefore;

    /// <summary>Serial number as lowercase hex.</summary>
    public string SerialHex => Convert.ToHexStringLower(SerialNumber.Span);

    /// <summary>SHA-256 fingerprint as lowercase hex.</summary>
    public string Fingerprint => _fingerprint ??= Convert.ToHexStringLower(Sha256Bytes);

    /// <summary>True when <paramref name="at"/> lies within [NotBefore, NotAfter] (both inclusive, RFC 5280).</summary>
    public bool IsValidAt(DateTimeOffset at) => at >= NotBefore && at <= NotAfter;

    /// <summary>The first CommonName in the subject, or null.</summary>
    public string? CommonName => FindCommonName(SubjectDer);

    /// <summary>Creates the platform certificate (costly: use only when the platform is really needed).</summary>
    public X509Certificate2 ToX509Certificate2() => X509CertificateLoader.LoadCertificate(Der.Span);

    /// <summary>Reads a DER certificate (the bytes are copied).</summary>
    /// <exception cref="TrustInputException">The bytes are not a well-formed X.509 certificate (id <c>certificate-malformed</c>).</exception>
    public static CertificateInfo Parse(ReadOnlyMemory<byte> der) => ParseOwned(der.ToArray());

    /// <summary>Reads a DER certificate, returning the problem as a finding instead of throwing.</summary>
    public static ReadResult<CertificateInfo> TryParse(ReadOnlyMemory<byte> der, string source = "certificate") =>
        ReadResult.Catch(() => ParseOwned(der.ToArray()), source);

    /// <summary>Parses memory the caller hands over and will not modify again (saves a copy per certificate).</summary>
    internal static CertificateInfo ParseOwned(ReadOnlyMemory<byte> der)
    {
        try
        {
            return ParseCore(der);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or FormatException
                                      or ArgumentException or OverflowException or InvalidOperationException)
        {
            throw new TrustInputException(FindingIds.CertificateMalformed, $"not a valid X.509 certificate ({Describe(e)})", e);
        }
    }

    private static string Describe(Exception e) => e is AsnContentException or CryptographicException
        ? "malformed DER"
        : e.Message.TrimEnd('.');

    private static CertificateInfo ParseCore(ReadOnlyMemory<byte> der)
    {
        var info = new CertificateInfo(der) { Sha256Bytes = SHA256.HashData(der.Span) };
        var outer = new DerCursor(der);
        var certificate = outer.ReadSequence();
        outer.EnsureEnd();

        var tbsEncoded = certificate.ReadEncoded();
        info.TbsDer = tbsEncoded;
        var outerAlgorithm = certificate.ReadEncoded();
        info.Signature = certificate.ReadBitString(out var unused);
        if (unused != 0) throw new FormatException("signature has unused bits");
        certificate.EnsureEnd();
        var algorithm = new DerCursor(outerAlgorithm).ReadSequence();
        info.SignatureAlgorithm = algorithm.ReadOid();

        var tbs = new DerCursor(tbsEncoded).ReadSequence();
        info.Version = 1;
        if (tbs.NextIs(VersionTag))
        {
            var version = tbs.ReadSequence(VersionTag);
            info.Version = version.ReadInt32() + 1;
            version.EnsureEnd();
            if (info.Version is < 1 or > 3) throw new FormatException($"unknown version {info.Version}");
        }
        var serial = tbs.ReadIntegerBytes(); // never empty: DER has no INTEGER without content
        if ((serial[0] & 0x80) != 0) throw new FormatException("negative serial number");
        info.SerialNumber = serial.TrimStart((byte)0).ToArray();
        info.SignatureAlgorithmsAgree = tbs.ReadEncoded().Span.SequenceEqual(outerAlgorithm.Span);
        info.IssuerDer = tbs.ReadEncoded();
        var validity = tbs.ReadSequence();
        info.NotBefore = validity.ReadTime();
        info.NotAfter = validity.ReadTime();
        validity.EnsureEnd();
        info.SubjectDer = tbs.ReadEncoded();
        var spki = tbs.ReadEncoded();
        info.SubjectPublicKeyInfo = spki;
        info.PublicKey = PublicKeyInfo.Describe(spki);

        if (tbs.NextIs(IssuerUniqueIdTag)) tbs.ReadEncoded();
        if (tbs.NextIs(SubjectUniqueIdTag)) tbs.ReadEncoded();
        if (tbs.HasData)
        {
            if (info.Version != 3) throw new FormatException("extensions in a certificate that is not version 3");
            var wrapper = tbs.ReadSequence(ExtensionsTag);
            ReadExtensions(info, wrapper.ReadSequence());
            wrapper.EnsureEnd();
        }
        tbs.EnsureEnd();
        return info;
    }

    private static readonly Asn1Tag VersionTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag IssuerUniqueIdTag = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag SubjectUniqueIdTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag ExtensionsTag = new(TagClass.ContextSpecific, 3, isConstructed: true);
    private static readonly Asn1Tag KeyIdTag = new(TagClass.ContextSpecific, 0);

    private static void ReadExtensions(CertificateInfo info, DerCursor extensions)
    {
        var list = new List<(string, bool)>(6);
        List<string>? unhandled = null;
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadOid();
            var critical = extension.NextIs(Asn1Tag.Boolean) && extension.ReadBoolean();
            var value = extension.ReadOctetString();
            extension.EnsureEnd();
            foreach (var (previous, _) in list)
                if (previous == oid) throw new FormatException($"duplicate extension {oid}");
            list.Add((oid, critical));
            var reader = new DerCursor(value);
            switch (oid)
            {
                case Oids.BasicConstraints:
                    var bc = reader.ReadSequence();
                    info.HasBasicConstraints = true;
                    info.BasicConstraintsCritical = critical;
                    if (bc.NextIs(Asn1Tag.Boolean)) info.IsCertificateAuthority = bc.ReadBoolean();
                    if (bc.HasData)
                    {
                        var pathLen = bc.ReadInt32();
                        if (pathLen < 0) throw new FormatException("invalid pathLenConstraint");
                        info.PathLength = pathLen;
                    }
                    bc.EnsureEnd();
                    break;
                case Oids.KeyUsage:
                    var bits = reader.ReadBitString(out _).Span;
                    var flags = bits.Length > 0 ? bits[0] : 0;
                    if (bits.Length > 1) flags |= bits[1] << 8;
                    info.KeyUsage = (X509KeyUsageFlags)flags;
                    break;
                case Oids.ExtendedKeyUsage:
                    var ekus = new List<string>(2);
                    var ekuSequence = reader.ReadSequence();
                    while (ekuSequence.HasData) ekus.Add(ekuSequence.ReadOid());
                    info.ExtendedKeyUsage = ekus.AsReadOnly();
                    break;
                case Oids.SubjectKeyIdentifier:
                    info.SubjectKeyId = reader.ReadOctetString();
                    break;
                case Oids.AuthorityKeyIdentifier:
                    var aki = reader.ReadSequence();
                    if (aki.NextIs(KeyIdTag)) info.AuthorityKeyId = aki.ReadOctetString(KeyIdTag);
                    break;
                case Oids.SubjectAltName:
                    ReadAltNames(info, reader.ReadSequence());
                    // Go: a critical subjectAltName with no name it understands is an unhandled critical extension.
                    if (critical && info.AltNames.Count == 0) (unhandled ??= []).Add(oid);
                    break;
                case Oids.NameConstraints:
                    info.NameConstraints = NameConstraints.Parse(value);
                    if (critical && info.NameConstraints.HasUnhandledForms) (unhandled ??= []).Add(oid);
                    continue;
                case Oids.AuthorityInfoAccess:
                    ReadAuthorityInfoAccess(reader.ReadSequence());
                    break;
                default:
                    if (critical) (unhandled ??= []).Add(oid);
                    continue;
            }
            reader.EnsureEnd();
        }
        info.Extensions = list.AsReadOnly();
        info.UnhandledCriticalExtensions = unhandled?.AsReadOnly() ?? (IReadOnlyList<string>)[];
    }

    private static void ReadAltNames(CertificateInfo info, DerCursor names)
    {
        var dns = new List<string>(1);
        var all = new List<AltName>(1);
        List<string>? other = null;
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific) throw new FormatException("invalid subjectAltName");
            switch (tag.TagValue)
            {
                case 1:
                    var email = names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                    all.Add(new AltName(AltNameKind.Email, email, null));
                    (other ??= []).Add("email:" + email);
                    break;
                case 2:
                    var name = names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                    all.Add(new AltName(AltNameKind.Dns, name, null));
                    dns.Add(name);
                    break;
                case 6:
                    // Go refuses a URI it cannot parse, or whose host is not made of valid labels (no host is no labels).
                    var uri = names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                    if (!UriHost.TryParse(uri, out var host) || DomainLabels.Reverse(host) is null)
                        throw new FormatException($"cannot parse URI '{uri}' in subjectAltName");
                    all.Add(new AltName(AltNameKind.Uri, uri, null));
                    (other ??= []).Add("URI:" + uri);
                    break;
                case 7:
                    var address = names.ReadOctetString(tag);
                    if (address.Length is not (4 or 16)) throw new FormatException($"IP address of length {address.Length} in subjectAltName");
                    var ip = address.ToArray();
                    all.Add(new AltName(AltNameKind.Ip, new System.Net.IPAddress(ip).ToString(), ip));
                    (other ??= []).Add("IP:" + new System.Net.IPAddress(ip));
                    break;
                default: names.ReadEncoded(); (other ??= []).Add($"other:[{tag.TagValue}]"); break;
            }
        }
        info.HasSubjectAltName = true;
        info.AltNames = all.AsReadOnly();
        info.DnsNames = dns.AsReadOnly();
        info.OtherNames = other?.AsReadOnly() ?? (IReadOnlyList<string>)[];
    }

    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <summary>
    /// authorityInfoAccess (RFC 5280 4.2.2.1), checked as Go parses it: a SEQUENCE of SEQUENCEs, each starting with an
    /// access method OID; a URI location must be well formed. The values are not used (nothing is fetched).
    /// </summary>
    private static void ReadAuthorityInfoAccess(DerCursor descriptions)
    {
        while (descriptions.HasData)
        {
            var description = descriptions.ReadSequence();
            description.ReadOid();
            if (description.NextIs(UriTag)) description.ReadOctetString(UriTag);
        }
    }

    private static string DescribeName(ReadOnlyMemory<byte> der) => DistinguishedNameText.Format(der);

    private static string? FindCommonName(ReadOnlyMemory<byte> name)
    {
        try
        {
            var rdns = new DerCursor(name).ReadSequence();
            while (rdns.HasData)
            {
                var set = rdns.ReadSetOf();
                while (set.HasData)
                {
                    var attribute = set.ReadSequence();
                    if (attribute.ReadOid() == Oids.CommonName)
                        return attribute.ReadCharacterString((UniversalTagNumber)attribute.PeekTag().TagValue);
                }
            }
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException or FormatException) { }
        return null;
    }
}
