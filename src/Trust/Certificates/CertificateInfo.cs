using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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

    private CertificateInfo(byte[] der) => Der = der;

    /// <summary>The whole certificate, DER encoded.</summary>
    public byte[] Der { get; }

    /// <summary>SHA-256 of <see cref="Der"/>: the certificate's identity in bundles.</summary>
    public byte[] Sha256 { get; private set; } = [];

    /// <summary>The signed part (TBSCertificate), DER encoded.</summary>
    public ReadOnlyMemory<byte> TbsDer { get; private set; }

    /// <summary>X.509 version (1, 2 or 3).</summary>
    public int Version { get; private set; }

    /// <summary>Serial number as big-endian unsigned bytes (leading zeros stripped).</summary>
    public byte[] SerialNumber { get; private set; } = [];

    /// <summary>Signature algorithm OID from the outer certificate.</summary>
    public string SignatureAlgorithm { get; private set; } = "";

    /// <summary>True when the outer signature algorithm matches the one inside the TBS, as RFC 5280 requires.</summary>
    public bool SignatureAlgorithmsAgree { get; private set; }

    /// <summary>The signature value.</summary>
    public byte[] Signature { get; private set; } = [];

    /// <summary>Issuer name, DER encoded (compared byte for byte when building chains, as Go does).</summary>
    public byte[] IssuerDer { get; private set; } = [];

    /// <summary>Subject name, DER encoded.</summary>
    public byte[] SubjectDer { get; private set; } = [];

    /// <summary>Issuer name for display (RFC 4514 style, e.g. <c>CN=root.linkerd.cluster.local</c>).</summary>
    public string Issuer => _issuer ??= DescribeName(IssuerDer);

    /// <summary>Subject name for display.</summary>
    public string Subject => _subject ??= DescribeName(SubjectDer);

    /// <summary>Start of validity, inclusive.</summary>
    public DateTimeOffset NotBefore { get; private set; }

    /// <summary>End of validity, inclusive.</summary>
    public DateTimeOffset NotAfter { get; private set; }

    /// <summary>SubjectPublicKeyInfo, DER encoded.</summary>
    public byte[] SubjectPublicKeyInfo { get; private set; } = [];

    /// <summary>Algorithm, curve and size of the subject public key.</summary>
    public PublicKeyKind PublicKey { get; private set; } = new("unknown", null, 0);

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

    /// <summary>subjectKeyIdentifier, when present.</summary>
    public byte[]? SubjectKeyId { get; private set; }

    /// <summary>authorityKeyIdentifier keyIdentifier, when present.</summary>
    public byte[]? AuthorityKeyId { get; private set; }

    /// <summary>DNS names in subjectAltName.</summary>
    public IReadOnlyList<string> DnsNames { get; private set; } = [];

    /// <summary>Other subjectAltName entries, described as <c>IP:…</c>, <c>URI:…</c>, <c>email:…</c>.</summary>
    public IReadOnlyList<string> OtherNames { get; private set; } = [];

    /// <summary>OIDs of critical extensions this library does not interpret (chain validation rejects these).</summary>
    public IReadOnlyList<string> UnhandledCriticalExtensions { get; private set; } = [];

    /// <summary>All extension OIDs in order, with their criticality.</summary>
    public IReadOnlyList<(string Oid, bool Critical)> Extensions { get; private set; } = [];

    /// <summary>True when subject and issuer names are byte-for-byte equal.</summary>
    public bool IsSelfIssued => SubjectDer.AsSpan().SequenceEqual(IssuerDer);

    /// <summary>Total lifetime NotAfter - NotBefore.</summary>
    public TimeSpan Lifetime => NotAfter - NotBefore;

    /// <summary>Serial number as lowercase hex.</summary>
    public string SerialHex => Convert.ToHexStringLower(SerialNumber);

    /// <summary>SHA-256 fingerprint as lowercase hex.</summary>
    public string Fingerprint => Convert.ToHexStringLower(Sha256);

    /// <summary>True when <paramref name="at"/> lies within [NotBefore, NotAfter] (both inclusive, RFC 5280).</summary>
    public bool IsValidAt(DateTimeOffset at) => at >= NotBefore && at <= NotAfter;

    /// <summary>The first CommonName in the subject, or null.</summary>
    public string? CommonName => FindCommonName(SubjectDer);

    /// <summary>Creates the platform certificate (costly: use only when the platform is really needed).</summary>
    public X509Certificate2 ToX509Certificate2() => X509CertificateLoader.LoadCertificate(Der);

    /// <summary>
    /// Reads a DER certificate. Throws <see cref="TrustInputException"/> with a short reason when the bytes are
    /// not a well-formed X.509 certificate.
    /// </summary>
    public static CertificateInfo Parse(ReadOnlyMemory<byte> der) => ParseOwned(der.ToArray());

    /// <summary>Parses an array the caller hands over and will not modify again (saves a copy per certificate).</summary>
    internal static CertificateInfo ParseOwned(byte[] der)
    {
        try
        {
            return ParseCore(der);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or FormatException
                                      or ArgumentException or OverflowException or InvalidOperationException)
        {
            throw new TrustInputException($"not a valid X.509 certificate ({Describe(e)})", e);
        }
    }

    private static string Describe(Exception e) => e is AsnContentException or CryptographicException
        ? "malformed DER"
        : e.Message.TrimEnd('.');

    private static CertificateInfo ParseCore(byte[] der)
    {
        var info = new CertificateInfo(der) { Sha256 = SHA256.HashData(der) };
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var certificate = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        var tbsEncoded = certificate.ReadEncodedValue();
        info.TbsDer = tbsEncoded;
        var outerAlgorithm = certificate.ReadEncodedValue();
        info.SignatureAlgorithm = ReadAlgorithmOid(outerAlgorithm);
        info.Signature = certificate.ReadBitString(out var unused);
        if (unused != 0) throw new FormatException("signature has unused bits");
        certificate.ThrowIfNotEmpty();

        var tbs = new AsnReader(tbsEncoded, AsnEncodingRules.DER).ReadSequence();
        info.Version = 1;
        var versionTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbs.PeekTag().HasSameClassAndValue(versionTag))
        {
            var version = tbs.ReadSequence(versionTag);
            info.Version = (int)version.ReadInteger() + 1;
            version.ThrowIfNotEmpty();
        }
        var serial = tbs.ReadIntegerBytes().Span;
        if (serial.Length > 0 && (serial[0] & 0x80) != 0) throw new FormatException("negative serial number");
        info.SerialNumber = serial.TrimStart((byte)0).ToArray();
        var innerAlgorithm = tbs.ReadEncodedValue();
        info.SignatureAlgorithmsAgree = innerAlgorithm.Span.SequenceEqual(outerAlgorithm.Span);
        info.IssuerDer = tbs.ReadEncodedValue().ToArray();
        var validity = tbs.ReadSequence();
        info.NotBefore = ReadTime(validity);
        info.NotAfter = ReadTime(validity);
        validity.ThrowIfNotEmpty();
        info.SubjectDer = tbs.ReadEncodedValue().ToArray();
        var spki = tbs.ReadEncodedValue();
        info.SubjectPublicKeyInfo = spki.ToArray();
        info.PublicKey = PublicKeyInfo.Describe(spki);

        var issuerUid = new Asn1Tag(TagClass.ContextSpecific, 1);
        var subjectUid = new Asn1Tag(TagClass.ContextSpecific, 2);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(issuerUid)) tbs.ReadEncodedValue();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(subjectUid)) tbs.ReadEncodedValue();
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
        if (tbs.HasData)
        {
            if (info.Version != 3) throw new FormatException("extensions in a certificate that is not version 3");
            var wrapper = tbs.ReadSequence(extensionsTag);
            ReadExtensions(info, wrapper.ReadSequence());
            wrapper.ThrowIfNotEmpty();
        }
        tbs.ThrowIfNotEmpty();
        return info;
    }

    private static void ReadExtensions(CertificateInfo info, AsnReader extensions)
    {
        var list = new List<(string, bool)>();
        var unhandled = new List<string>();
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            var critical = false;
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) critical = extension.ReadBoolean();
            var value = extension.ReadOctetString();
            extension.ThrowIfNotEmpty();
            foreach (var (previous, _) in list)
                if (previous == oid) throw new FormatException($"duplicate extension {oid}");
            list.Add((oid, critical));
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            switch (oid)
            {
                case Oids.BasicConstraints:
                    var bc = reader.ReadSequence();
                    info.HasBasicConstraints = true;
                    info.BasicConstraintsCritical = critical;
                    if (bc.HasData && bc.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) info.IsCertificateAuthority = bc.ReadBoolean();
                    if (bc.HasData)
                    {
                        if (!bc.TryReadInt32(out var pathLen) || pathLen < 0) throw new FormatException("invalid pathLenConstraint");
                        info.PathLength = pathLen;
                    }
                    bc.ThrowIfNotEmpty();
                    break;
                case Oids.KeyUsage:
                    var bits = reader.ReadBitString(out _);
                    var flags = bits.Length > 0 ? bits[0] : 0;
                    if (bits.Length > 1) flags |= bits[1] << 8;
                    info.KeyUsage = (X509KeyUsageFlags)flags;
                    break;
                case Oids.ExtendedKeyUsage:
                    var ekus = new List<string>();
                    var ekuSequence = reader.ReadSequence();
                    while (ekuSequence.HasData) ekus.Add(ekuSequence.ReadObjectIdentifier());
                    info.ExtendedKeyUsage = ekus;
                    break;
                case Oids.SubjectKeyIdentifier:
                    info.SubjectKeyId = reader.ReadOctetString();
                    break;
                case Oids.AuthorityKeyIdentifier:
                    var aki = reader.ReadSequence();
                    var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
                    if (aki.HasData && aki.PeekTag().HasSameClassAndValue(keyIdTag)) info.AuthorityKeyId = aki.ReadOctetString(keyIdTag);
                    break;
                case Oids.SubjectAltName:
                    ReadAltNames(info, reader.ReadSequence());
                    break;
                default:
                    if (critical) unhandled.Add(oid);
                    continue;
            }
            reader.ThrowIfNotEmpty();
        }
        info.Extensions = list;
        info.UnhandledCriticalExtensions = unhandled;
    }

    private static void ReadAltNames(CertificateInfo info, AsnReader names)
    {
        var dns = new List<string>();
        var other = new List<string>();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific) throw new FormatException("invalid subjectAltName");
            switch (tag.TagValue)
            {
                case 1: other.Add("email:" + names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                case 2: dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                case 6: other.Add("URI:" + names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                case 7: other.Add("IP:" + new System.Net.IPAddress(names.ReadOctetString(tag))); break;
                default: names.ReadEncodedValue(); other.Add($"other:[{tag.TagValue}]"); break;
            }
        }
        info.DnsNames = dns;
        info.OtherNames = other;
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime)
            ? reader.ReadUtcTime(2049)
            : reader.ReadGeneralizedTime();

    private static string ReadAlgorithmOid(ReadOnlyMemory<byte> algorithmIdentifier)
    {
        var sequence = new AsnReader(algorithmIdentifier, AsnEncodingRules.DER).ReadSequence();
        return sequence.ReadObjectIdentifier();
    }

    private static string DescribeName(byte[] der)
    {
        try
        {
            var name = new X500DistinguishedName(der).Format(false);
            return name.Length == 0 ? "(empty)" : name;
        }
        catch (CryptographicException)
        {
            return "(unreadable name)";
        }
    }

    private static string? FindCommonName(byte[] name)
    {
        try
        {
            var rdns = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
            while (rdns.HasData)
            {
                var set = rdns.ReadSetOf();
                while (set.HasData)
                {
                    var attribute = set.ReadSequence();
                    if (attribute.ReadObjectIdentifier() == Oids.CommonName)
                        return attribute.ReadCharacterString(
                            (UniversalTagNumber)attribute.PeekTag().TagValue);
                    attribute.ReadEncodedValue();
                }
            }
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException) { }
        return null;
    }
}
