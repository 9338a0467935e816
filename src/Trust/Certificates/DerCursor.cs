using System.Formats.Asn1;

namespace Trust.Certificates;

/// <summary>
/// A forward reader over DER built on the span-based <see cref="AsnDecoder"/>: no reader objects, and values come back
/// as slices of the original buffer. Every malformation throws <see cref="AsnContentException"/> or
/// <see cref="FormatException"/>, which the certificate parser turns into one input error.
/// </summary>
internal ref struct DerCursor
{
    private const AsnEncodingRules Der = AsnEncodingRules.DER;
    private static readonly System.Text.UTF32Encoding UniversalString = new(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true);
    private static readonly string[] KnownOidText =
    [
        Oids.EcPublicKey, Oids.RsaEncryption, Oids.CurveP256, Oids.CurveP384, Oids.EcdsaWithSha256, Oids.EcdsaWithSha384,
        Oids.Sha256WithRsa, Oids.SubjectKeyIdentifier, Oids.KeyUsage, Oids.SubjectAltName, Oids.BasicConstraints,
        Oids.AuthorityKeyIdentifier, Oids.ExtendedKeyUsage, Oids.ServerAuth, Oids.ClientAuth, Oids.CommonName,
    ];

    private static readonly byte[][] KnownOidContent = EncodeAll(KnownOidText);

    private readonly ReadOnlyMemory<byte> _buffer;
    private int _position;
    private readonly int _end;

    public DerCursor(ReadOnlyMemory<byte> buffer) : this(buffer, 0, buffer.Length) { }

    private DerCursor(ReadOnlyMemory<byte> buffer, int start, int end)
    {
        _buffer = buffer;
        _position = start;
        _end = end;
    }

    public readonly bool HasData => _position < _end;

    private readonly ReadOnlySpan<byte> Rest => _buffer.Span[_position.._end];

    public readonly bool NextIs(Asn1Tag tag)
    {
        if (!HasData) return false;
        var next = Asn1Tag.Decode(Rest, out _);
        return next.HasSameClassAndValue(tag) && next.IsConstructed == tag.IsConstructed;
    }

    /// <summary>Reads one element with the expected tag; returns the absolute start and length of its contents.</summary>
    private (int Start, int Length) Read(Asn1Tag expected)
    {
        if (!NextIs(expected)) throw new FormatException($"expected {expected} at offset {_position}");
        AsnDecoder.ReadEncodedValue(Rest, Der, out var contentOffset, out var contentLength, out var consumed);
        var start = _position + contentOffset;
        _position += consumed;
        return (start, contentLength);
    }

    public DerCursor ReadSequence(Asn1Tag? tag = null)
    {
        var (start, length) = Read(tag ?? Asn1Tag.Sequence);
        return new DerCursor(_buffer, start, start + length);
    }

    public DerCursor ReadSetOf() => ReadSequence(Asn1Tag.SetOf);

    public ReadOnlyMemory<byte> ReadEncoded()
    {
        AsnDecoder.ReadEncodedValue(Rest, Der, out _, out _, out var consumed);
        var value = _buffer.Slice(_position, consumed);
        _position += consumed;
        return value;
    }

    public ReadOnlySpan<byte> ReadIntegerBytes()
    {
        var value = AsnDecoder.ReadIntegerBytes(Rest, Der, out var consumed);
        _position += consumed;
        return value;
    }

    public int ReadInt32()
    {
        if (!AsnDecoder.TryReadInt32(Rest, Der, out var value, out var consumed)) throw new FormatException("integer out of range");
        _position += consumed;
        return value;
    }

    public bool ReadBoolean()
    {
        var value = AsnDecoder.ReadBoolean(Rest, Der, out var consumed);
        _position += consumed;
        return value;
    }

    public DateTimeOffset ReadTime()
    {
        DateTimeOffset value;
        int consumed;
        if (NextIs(Asn1Tag.UtcTime)) value = AsnDecoder.ReadUtcTime(Rest, Der, out consumed, 2049);
        else value = AsnDecoder.ReadGeneralizedTime(Rest, Der, out consumed);
        _position += consumed;
        return value;
    }

    /// <summary>Reads an OID; well-known ones come back as shared constant strings.</summary>
    public string ReadOid()
    {
        var element = _buffer.Span[_position.._end];
        var (start, length) = Read(Asn1Tag.ObjectIdentifier);
        var content = _buffer.Span.Slice(start, length);
        for (var i = 0; i < KnownOidContent.Length; i++)
            if (content.SequenceEqual(KnownOidContent[i])) return KnownOidText[i];
        return AsnDecoder.ReadObjectIdentifier(element, Der, out _);
    }

    public ReadOnlyMemory<byte> ReadBitString(out int unusedBits)
    {
        if (!AsnDecoder.TryReadPrimitiveBitString(Rest, Der, out unusedBits, out var value, out var consumed))
            throw new FormatException("constructed BIT STRING");
        var result = _buffer.Slice(_position + consumed - value.Length, value.Length);
        _position += consumed;
        return result;
    }

    public ReadOnlyMemory<byte> ReadOctetString(Asn1Tag? tag = null)
    {
        if (!AsnDecoder.TryReadPrimitiveOctetString(Rest, Der, out var value, out var consumed, tag))
            throw new FormatException("constructed OCTET STRING");
        var result = _buffer.Slice(_position + consumed - value.Length, value.Length);
        _position += consumed;
        return result;
    }

    public string ReadCharacterString(UniversalTagNumber type, Asn1Tag? tag = null)
    {
        // AsnDecoder does not read UniversalString (UCS-4, big-endian); old CAs still write names in it.
        if (type == UniversalTagNumber.UniversalString)
        {
            if (Asn1Tag.Decode(Rest, out _) != (tag ?? new Asn1Tag(UniversalTagNumber.UniversalString)))
                throw new FormatException("unexpected tag for a UniversalString");
            AsnDecoder.ReadEncodedValue(Rest, Der, out var offset, out var length, out var read);
            var text = UniversalString.GetString(Rest.Slice(offset, length));
            _position += read;
            return text;
        }
        var value = AsnDecoder.ReadCharacterString(Rest, Der, type, out var consumed, tag);
        _position += consumed;
        return value;
    }

    public readonly Asn1Tag PeekTag() => Asn1Tag.Decode(Rest, out _);

    public readonly void EnsureEnd()
    {
        if (HasData) throw new FormatException("unexpected data after the end of a structure");
    }

    private static byte[][] EncodeAll(string[] oids)
    {
        var encoded = new byte[oids.Length][];
        for (var i = 0; i < oids.Length; i++) encoded[i] = Content(oids[i]);
        return encoded;
    }

    private static byte[] Content(string oid)
    {
        var writer = new AsnWriter(Der);
        writer.WriteObjectIdentifier(oid);
        var encoded = writer.Encode();
        return encoded[2..]; // short-form tag and length for every OID listed here
    }
}
