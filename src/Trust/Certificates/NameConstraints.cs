using System.Formats.Asn1;
using System.Text;

namespace Trust.Certificates;

/// <summary>
/// A CA's nameConstraints extension (RFC 5280 4.2.1.10), read as Go's crypto/x509 reads it (parser.go
/// <c>parseNameConstraintsExtension</c>): DNS, IP, email and URI subtrees, permitted and excluded. A malformed or
/// empty extension is a malformed certificate; other name forms (directoryName, otherName, ...) are not enforced, so
/// a critical extension that holds them is an unhandled critical extension, as in Go. minimum and maximum are ignored
/// (RFC 5280 requires their defaults).
/// </summary>
internal sealed class NameConstraints
{
    private NameConstraints(NameSubtrees permitted, NameSubtrees excluded, bool hasUnhandledForms)
    {
        Permitted = permitted;
        Excluded = excluded;
        HasUnhandledForms = hasUnhandledForms;
    }

    public NameSubtrees Permitted { get; }

    public NameSubtrees Excluded { get; }

    /// <summary>True when a subtree uses a name form other than DNS, IP, email or URI.</summary>
    public bool HasUnhandledForms { get; }

    private static readonly Asn1Tag PermittedTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag ExcludedTag = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>Reads the extension value; throws <see cref="FormatException"/> or <see cref="AsnContentException"/> when malformed.</summary>
    public static NameConstraints Parse(ReadOnlyMemory<byte> value)
    {
        var outer = new DerCursor(value);
        var top = outer.ReadSequence();
        outer.EnsureEnd();
        var havePermitted = top.NextIs(PermittedTag);
        var permitted = havePermitted ? top.ReadSequence(PermittedTag) : default;
        var haveExcluded = top.NextIs(ExcludedTag);
        var excluded = haveExcluded ? top.ReadSequence(ExcludedTag) : default;
        top.EnsureEnd();
        // RFC 5280: "either the permittedSubtrees field or the excludedSubtrees MUST be present".
        if (!(havePermitted && permitted.HasData) && !(haveExcluded && excluded.HasData))
            throw new FormatException("empty name constraints extension");
        var unhandled = false;
        // An absent side is a default cursor, which has no data: it reads as no subtrees.
        var p = ReadSubtrees(permitted, ref unhandled);
        var e = ReadSubtrees(excluded, ref unhandled);
        return new NameConstraints(p, e, unhandled);
    }

    private static NameSubtrees ReadSubtrees(DerCursor cursor, ref bool unhandled)
    {
        var result = new NameSubtrees();
        while (cursor.HasData)
        {
            var subtree = cursor.ReadSequence();
            var tag = subtree.PeekTag();
            var encoded = subtree.ReadEncoded();
            // minimum/maximum after the base are ignored, as Go ignores them.
            if (tag.TagClass != TagClass.ContextSpecific || tag.IsConstructed || tag.TagValue is not (1 or 2 or 6 or 7))
            {
                unhandled = true;
                continue;
            }
            var content = Content(encoded);
            switch (tag.TagValue)
            {
                case 2:
                    var dns = Ia5(content, "DNS name constraint");
                    if (DomainLabels.Reverse(TrimLeadingDot(dns)) is null) throw new FormatException($"invalid DNS name constraint '{dns}'");
                    result.Dns.Add(dns);
                    break;
                case 7:
                    if (content.Length is not (8 or 32)) throw new FormatException($"IP name constraint of length {content.Length}");
                    var half = content.Length / 2;
                    var mask = content[half..].ToArray();
                    if (!IsContiguousMask(mask)) throw new FormatException($"IP name constraint with invalid mask {Convert.ToHexStringLower(mask)}");
                    result.IpRanges.Add(new IpRange(content[..half].ToArray(), mask));
                    break;
                case 1:
                    var email = Ia5(content, "email name constraint");
                    var valid = email.Contains('@', StringComparison.Ordinal)
                        ? Mailbox.TryParse(email, out _)
                        : DomainLabels.Reverse(TrimLeadingDot(email)) is not null;
                    if (!valid) throw new FormatException($"invalid email name constraint '{email}'");
                    result.Emails.Add(email);
                    break;
                case 6:
                    var uri = Ia5(content, "URI name constraint");
                    if (DomainLabels.IsIpAddress(uri)) throw new FormatException($"URI name constraint '{uri}' is an IP address");
                    if (DomainLabels.Reverse(TrimLeadingDot(uri)) is null) throw new FormatException($"invalid URI name constraint '{uri}'");
                    result.UriDomains.Add(uri);
                    break;
            }
        }
        return result;
    }

    /// <summary>The contents of a primitive element (the caller has checked the tag).</summary>
    private static ReadOnlySpan<byte> Content(ReadOnlyMemory<byte> encoded)
    {
        AsnDecoder.ReadEncodedValue(encoded.Span, AsnEncodingRules.DER, out var offset, out var length, out _);
        return encoded.Span.Slice(offset, length);
    }

    private static string Ia5(ReadOnlySpan<byte> content, string what) =>
        DomainLabels.IsIa5(content) ? Encoding.ASCII.GetString(content) : throw new FormatException($"{what} is not IA5String");

    private static string TrimLeadingDot(string domain) => domain.StartsWith('.') ? domain[1..] : domain;

    /// <summary>Zero or more one bits followed by zero bits only (Go's <c>isValidIPMask</c>).</summary>
    private static bool IsContiguousMask(byte[] mask)
    {
        var seenZero = false;
        foreach (var b in mask)
        {
            if (seenZero)
            {
                if (b != 0) return false;
            }
            else
            {
                switch (b)
                {
                    case 0x00 or 0x80 or 0xc0 or 0xe0 or 0xf0 or 0xf8 or 0xfc or 0xfe: seenZero = true; break;
                    case 0xff: break;
                    default: return false;
                }
            }
        }
        return true;
    }
}

/// <summary>The DNS, IP, email and URI subtrees on one side (permitted or excluded) of a nameConstraints extension.</summary>
internal sealed class NameSubtrees
{
    public List<string> Dns { get; } = [];
    public List<IpRange> IpRanges { get; } = [];
    public List<string> Emails { get; } = [];
    public List<string> UriDomains { get; } = [];
}

/// <summary>An IP name constraint: address and mask of the same length (4 or 16 bytes).</summary>
internal sealed record IpRange(byte[] Address, byte[] Mask)
{
    public override string ToString()
    {
        var prefix = 0;
        foreach (var b in Mask) prefix += System.Numerics.BitOperations.PopCount(b);
        return $"{new System.Net.IPAddress(Address)}/{prefix}";
    }
}
