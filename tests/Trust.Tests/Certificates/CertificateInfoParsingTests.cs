using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Findings;
using Trust.Tests.Support;

namespace Trust.Tests.Certificates;

/// <summary>
/// The DER reader of <see cref="CertificateInfo"/> on certificates written element by element: every structure must
/// end where its length says, and each malformation is one input error that says what is wrong. The signature is
/// never checked by the reader, so these certificates carry placeholder signatures.
/// </summary>
public class CertificateInfoParsingTests
{
    private static readonly byte[] Key = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo();
    private static readonly DateTimeOffset NotBefore = TestClock.Epoch.AddDays(-1);
    private static readonly DateTimeOffset NotAfter = TestClock.Epoch.AddDays(30);
    private static readonly byte[] Null = [0x05, 0x00];

    private static byte[] Write(Action<AsnWriter> write)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        write(writer);
        return writer.Encode();
    }

    private static byte[] Sequence(params byte[][] parts) => Constructed(Asn1Tag.Sequence, parts);

    private static byte[] Constructed(Asn1Tag tag, params byte[][] parts) => Write(w =>
    {
        using (w.PushSequence(tag))
            foreach (var p in parts) w.WriteEncodedValue(p);
    });

    private static byte[] Context(int number, params byte[][] parts) => Constructed(new Asn1Tag(TagClass.ContextSpecific, number, isConstructed: true), parts);

    private static byte[] Integer(long value) => Write(w => w.WriteInteger(value));

    private static byte[] Oid(string oid) => Write(w => w.WriteObjectIdentifier(oid));

    private static byte[] Name(string name) => new X500DistinguishedName(name).RawData;

    private static byte[] Time(DateTimeOffset t) => Write(w => w.WriteUtcTime(t));

    private static byte[] Ia5(int tag, string value) =>
        Write(w => w.WriteCharacterString(UniversalTagNumber.IA5String, value, new Asn1Tag(TagClass.ContextSpecific, tag)));

    /// <summary>An extension; <paramref name="critical"/> null leaves the BOOLEAN out.</summary>
    private static byte[] Extension(string oid, bool? critical, byte[] value, params byte[][] trailing) => Write(w =>
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            if (critical is { } c) w.WriteBoolean(c);
            w.WriteOctetString(value);
            foreach (var t in trailing) w.WriteEncodedValue(t);
        }
    });

    private static byte[] SubjectKeyId(params byte[] id) => Extension(Oids.SubjectKeyIdentifier, null, Write(w => w.WriteOctetString(id)));

    private static byte[] AltNames(bool critical, params byte[][] names) => Extension(Oids.SubjectAltName, critical, Sequence(names));

    /// <summary>A certificate element by element; each part is the encoded element, null leaves it out.</summary>
    private sealed record Raw
    {
        public byte[]? Version { get; init; } = Context(0, Integer(2));
        public byte[] Serial { get; init; } = Integer(0x012345);
        public byte[] Algorithm { get; init; } = Sequence(Oid(Oids.EcdsaWithSha256));
        public byte[] Issuer { get; init; } = Name("CN=raw");
        public byte[] Validity { get; init; } = Sequence(Time(NotBefore), Time(NotAfter));
        public byte[] Subject { get; init; } = Name("CN=raw");
        public byte[] PublicKey { get; init; } = Key;
        public byte[][] UniqueIds { get; init; } = [];
        /// <summary>The extensions, wrapped in [3] { SEQUENCE { ... } } unless <see cref="ExtensionsElement"/> is set.</summary>
        public byte[][]? Extensions { get; init; } = [SubjectKeyId(1, 2, 3)];
        public byte[]? ExtensionsElement { get; init; }
        public byte[][] TbsTrailing { get; init; } = [];
        public byte[] Signature { get; init; } = Write(w => w.WriteBitString([0x30, 0x00]));
        public byte[][] CertificateTrailing { get; init; } = [];

        public byte[] Encode()
        {
            var extensions = ExtensionsElement ?? (Extensions is null ? null : Context(3, Sequence(Extensions)));
            byte[][] tbsParts = [.. Version is null ? [] : new[] { Version }, Serial, Algorithm, Issuer, Validity, Subject, PublicKey,
                .. UniqueIds, .. extensions is null ? [] : new[] { extensions }, .. TbsTrailing];
            return Sequence([Sequence(tbsParts), Algorithm, Signature, .. CertificateTrailing]);
        }

        public CertificateInfo Parse() => CertificateInfo.Parse(Encode());

        /// <summary>The message of the input error the reader throws.</summary>
        public string Refusal()
        {
            var e = Assert.Throws<TrustInputException>(Parse);
            Assert.Equal(FindingIds.CertificateMalformed, e.Finding.Id);
            return e.Finding.Message;
        }
    }

    private const string Trailing = "not a valid X.509 certificate (unexpected data after the end of a structure)";

    [Fact]
    public void A_certificate_written_by_hand_reads_back()
    {
        var info = new Raw().Parse();
        Assert.Equal(3, info.Version);
        Assert.Equal("012345", info.SerialHex);
        Assert.Equal("CN=raw", info.Subject);
        Assert.Equal(NotBefore, info.NotBefore);
        Assert.Equal(NotAfter, info.NotAfter);
        Assert.Equal([1, 2, 3], info.SubjectKeyId!.Value.ToArray());
        Assert.Equal("ECDSA-SHA256", info.SignatureAlgorithmName);
        Assert.True(info.SignatureAlgorithmsAgree);
    }

    [Fact]
    public void Bytes_that_are_not_DER_are_malformed_DER()
    {
        var e = Assert.Throws<TrustInputException>(() => CertificateInfo.Parse(new byte[] { 0x30, 0x05, 0x00 }));
        Assert.Equal("not a valid X.509 certificate (malformed DER)", e.Finding.Message);
        Assert.Equal(FindingIds.CertificateMalformed, e.Finding.Id);
    }

    [Fact]
    public void A_signature_with_unused_bits_is_malformed()
    {
        var raw = new Raw { Signature = Write(w => w.WriteBitString([0x30, 0x02], unusedBitCount: 1)) };
        Assert.Equal("not a valid X.509 certificate (signature has unused bits)", raw.Refusal());
    }

    [Fact]
    public void Data_after_any_structure_is_malformed()
    {
        Assert.Equal(Trailing, new Raw { CertificateTrailing = [Null] }.Refusal());
        Assert.Equal(Trailing, new Raw { Version = Context(0, Integer(2), Integer(0)) }.Refusal());
        Assert.Equal(Trailing, new Raw { Validity = Sequence(Time(NotBefore), Time(NotAfter), Time(NotAfter)) }.Refusal());
        Assert.Equal(Trailing, new Raw { ExtensionsElement = Context(3, Sequence(SubjectKeyId(1)), Sequence()) }.Refusal());
        Assert.Equal(Trailing, new Raw { TbsTrailing = [Null] }.Refusal());
        Assert.Equal(Trailing, new Raw { Extensions = [Extension(Oids.SubjectKeyIdentifier, false, Write(w => w.WriteOctetString([1])), Null)] }.Refusal());
        // Inside an extension value.
        Assert.Equal(Trailing, new Raw { Extensions = [Extension(Oids.SubjectKeyIdentifier, null, [.. Write(w => w.WriteOctetString([1])), .. Null])] }.Refusal());
        Assert.Equal(Trailing, new Raw { Extensions = [Extension(Oids.BasicConstraints, true, Sequence(Write(w => w.WriteBoolean(true)), Integer(0), Integer(0)))] }.Refusal());
    }

    [Theory]
    [InlineData(3, "unknown version 4")]
    [InlineData(-1, "unknown version 0")]
    public void Versions_other_than_1_to_3_are_unknown(int encoded, string problem)
    {
        Assert.Equal($"not a valid X.509 certificate ({problem})", new Raw { Version = Context(0, Integer(encoded)) }.Refusal());
    }

    [Fact]
    public void Versions_1_and_2_may_be_written_out_as_Go_accepts()
    {
        Assert.Equal(1, new Raw { Version = Context(0, Integer(0)), Extensions = null }.Parse().Version);
        Assert.Equal(2, new Raw { Version = Context(0, Integer(1)), Extensions = null }.Parse().Version);
        Assert.Equal(1, new Raw { Version = null, Extensions = null }.Parse().Version);
    }

    [Fact]
    public void A_version_beyond_32_bits_is_out_of_range()
    {
        var raw = new Raw { Version = Context(0, Write(w => w.WriteInteger(long.MaxValue))) };
        Assert.Equal("not a valid X.509 certificate (integer out of range)", raw.Refusal());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Extensions_need_version_3(int encodedVersion)
    {
        var raw = new Raw { Version = encodedVersion == 1 ? null : Context(0, Integer(encodedVersion - 1)) };
        Assert.Equal("not a valid X.509 certificate (extensions in a certificate that is not version 3)", raw.Refusal());
    }

    [Theory]
    [InlineData("7f", "7f")]
    [InlineData("80", null)]
    [InlineData("0080", "80")]
    [InlineData("ff", null)]
    [InlineData("8001", null)]
    public void A_negative_serial_number_is_malformed(string serialHex, string? read)
    {
        var raw = new Raw { Serial = Write(w => w.WriteEncodedValue([0x02, (byte)(serialHex.Length / 2), .. Convert.FromHexString(serialHex)])) };
        if (read is null)
            Assert.Equal("not a valid X.509 certificate (negative serial number)", raw.Refusal());
        else
            Assert.Equal(read, raw.Parse().SerialHex);
    }

    [Fact]
    public void A_serial_number_without_content_is_malformed_DER()
    {
        Assert.Equal("not a valid X.509 certificate (malformed DER)", new Raw { Serial = [0x02, 0x00] }.Refusal());
    }

    [Fact]
    public void Unique_identifiers_are_skipped_in_version_2_and_3()
    {
        byte[][] ids = [Write(w => w.WriteBitString([1], tag: new Asn1Tag(TagClass.ContextSpecific, 1))),
            Write(w => w.WriteBitString([2], tag: new Asn1Tag(TagClass.ContextSpecific, 2)))];
        var v3 = new Raw { UniqueIds = ids }.Parse();
        Assert.Equal([1, 2, 3], v3.SubjectKeyId!.Value.ToArray());
        Assert.Equal(2, new Raw { Version = Context(0, Integer(1)), UniqueIds = ids, Extensions = null }.Parse().Version);
        Assert.Equal(3, new Raw { UniqueIds = [ids[1]] }.Parse().Version);
    }

    [Fact]
    public void A_repeated_extension_is_malformed()
    {
        var raw = new Raw { Extensions = [SubjectKeyId(1), Extension(Oids.KeyUsage, true, [0x03, 0x02, 0x01, 0x06]), SubjectKeyId(2)] };
        Assert.Equal("not a valid X.509 certificate (duplicate extension 2.5.29.14)", raw.Refusal());
    }

    [Fact]
    public void A_negative_path_length_is_malformed()
    {
        var raw = new Raw { Extensions = [Extension(Oids.BasicConstraints, true, Sequence(Write(w => w.WriteBoolean(true)), Integer(-1)))] };
        Assert.Equal("not a valid X.509 certificate (invalid pathLenConstraint)", raw.Refusal());
    }

    [Fact]
    public void Key_usage_bits_in_the_second_byte_are_read()
    {
        // digitalSignature (first bit) and decipherOnly (ninth bit).
        var info = new Raw { Extensions = [Extension(Oids.KeyUsage, true, [0x03, 0x03, 0x07, 0x80, 0x80])] }.Parse();
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.DecipherOnly, info.KeyUsage);
        var platform = new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DecipherOnly, true).RawData;
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DecipherOnly,
            new Raw { Extensions = [Extension(Oids.KeyUsage, true, platform)] }.Parse().KeyUsage);
    }

    [Fact]
    public void Unhandled_critical_extensions_are_all_listed_in_order()
    {
        var otherNameOnly = AltNames(true, Context(0, Oid("1.2.3"), Context(0, Write(w => w.WriteNull()))));
        var directoryNameConstraint = Extension(Oids.NameConstraints, true,
            Sequence(Context(0, Sequence(Context(4, Name("C=US"))))));
        var info = new Raw
        {
            Extensions = [Extension("1.2.3.4", true, Null), Extension("1.2.3.5", false, Null), Extension("1.2.3.6", true, Null),
                otherNameOnly, directoryNameConstraint],
        }.Parse();
        Assert.Equal(["1.2.3.4", "1.2.3.6", Oids.SubjectAltName, Oids.NameConstraints], info.UnhandledCriticalExtensions);
    }

    [Fact]
    public void A_subject_alt_name_is_unhandled_only_when_critical_and_without_a_name_Go_understands()
    {
        var otherName = Context(0, Oid("1.2.3"), Context(0, Write(w => w.WriteNull())));
        Assert.Empty(new Raw { Extensions = [AltNames(true, Ia5(2, "a.example"))] }.Parse().UnhandledCriticalExtensions);
        Assert.Empty(new Raw { Extensions = [AltNames(false, otherName)] }.Parse().UnhandledCriticalExtensions);
        Assert.Equal([Oids.SubjectAltName], new Raw { Extensions = [AltNames(true, otherName)] }.Parse().UnhandledCriticalExtensions);
    }

    [Fact]
    public void Subject_alt_names_other_than_DNS_are_described_in_order()
    {
        var info = new Raw
        {
            Extensions = [AltNames(false,
                Write(w => w.WriteObjectIdentifier("1.2.3", new Asn1Tag(TagClass.ContextSpecific, 8))),
                Ia5(1, "a@example.com"),
                Ia5(2, "web.example"),
                Ia5(6, "spiffe://cluster.local/ns/default"),
                Write(w => w.WriteOctetString([10, 0, 0, 1], new Asn1Tag(TagClass.ContextSpecific, 7))),
                Write(w => w.WriteOctetString(System.Net.IPAddress.IPv6Loopback.GetAddressBytes(), new Asn1Tag(TagClass.ContextSpecific, 7))),
                Write(w => w.WriteObjectIdentifier("1.2.4", new Asn1Tag(TagClass.ContextSpecific, 8))))],
        }.Parse();
        Assert.Equal(["other:[8]", "email:a@example.com", "URI:spiffe://cluster.local/ns/default", "IP:10.0.0.1", "IP:::1", "other:[8]"], info.OtherNames);
        Assert.Equal(["web.example"], info.DnsNames);
        Assert.True(info.HasSubjectAltName);
        Assert.Equal(5, info.AltNames.Count);
    }

    [Fact]
    public void A_subject_alt_name_entry_that_is_not_context_tagged_is_malformed()
    {
        var raw = new Raw { Extensions = [AltNames(false, Write(w => w.WriteCharacterString(UniversalTagNumber.IA5String, "a.example")))] };
        Assert.Equal("not a valid X.509 certificate (invalid subjectAltName)", raw.Refusal());
    }

    [Theory]
    [InlineData("https://a..b/")]
    [InlineData("https://a.b./")]
    public void A_URI_whose_host_is_not_made_of_labels_is_malformed(string uri)
    {
        var raw = new Raw { Extensions = [AltNames(false, Ia5(6, uri))] };
        Assert.Equal($"not a valid X.509 certificate (cannot parse URI '{uri}' in subjectAltName)", raw.Refusal());
    }

    [Fact]
    public void A_URI_with_no_host_is_accepted()
    {
        var info = new Raw { Extensions = [AltNames(false, Ia5(6, "urn:example:thing"))] }.Parse();
        Assert.Equal(["URI:urn:example:thing"], info.OtherNames);
    }

    [Fact]
    public void A_truncated_location_in_authority_info_access_is_malformed()
    {
        // SEQUENCE { SEQUENCE { OID 1.2, [6] of length 5 holding 3 bytes } }
        var value = Convert.FromHexString("300a300806012a8605616263");
        var raw = new Raw { Extensions = [Extension(Oids.AuthorityInfoAccess, false, value)] };
        Assert.Equal("not a valid X.509 certificate (malformed DER)", raw.Refusal());
        var whole = Convert.FromHexString("300a300806012a8603616263");
        Assert.Empty(new Raw { Extensions = [Extension(Oids.AuthorityInfoAccess, false, whole)] }.Parse().UnhandledCriticalExtensions);
    }

    [Fact]
    public void IsCritical_is_false_for_an_absent_extension()
    {
        var info = new Raw { Extensions = [Extension(Oids.KeyUsage, true, [0x03, 0x02, 0x01, 0x06])] }.Parse();
        Assert.True(info.IsCritical(Oids.KeyUsage));
        Assert.True(info.KeyUsageCritical);
        Assert.False(info.IsCritical(Oids.SubjectAltName));
        Assert.False(info.IsCritical(Oids.BasicConstraints));
    }

    [Fact]
    public void Validity_bounds_are_inclusive_to_the_tick()
    {
        var info = new Raw().Parse();
        Assert.True(info.IsValidAt(NotBefore));
        Assert.True(info.IsValidAt(NotAfter));
        Assert.False(info.IsValidAt(NotBefore.AddTicks(-1)));
        Assert.False(info.IsValidAt(NotAfter.AddTicks(1)));
    }

    [Fact]
    public void Display_texts_are_computed_once_and_shared()
    {
        var info = new Raw { Issuer = Name("CN=issuer") }.Parse();
        Assert.Equal("CN=issuer", info.Issuer);
        Assert.Same(info.Issuer, info.Issuer);
        Assert.Same(info.Subject, info.Subject);
        Assert.Same(info.Fingerprint, info.Fingerprint);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new Raw { Issuer = Name("CN=issuer") }.Encode())), info.Fingerprint);
    }
}
