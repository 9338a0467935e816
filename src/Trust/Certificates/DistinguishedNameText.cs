using System.Formats.Asn1;
using System.Text;

namespace Trust.Certificates;

/// <summary>
/// Formats a DER distinguished name for display in RFC 4514 order (most specific first, <c>CN=a, O=b</c>), with the
/// usual short attribute names. Written here because the platform formatter costs milliseconds on first use, which a
/// CLI that starts for every command cannot afford.
/// </summary>
internal static class DistinguishedNameText
{
    private static string ShortName(string oid) => oid switch
    {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "S",
        "2.5.4.9" => "STREET",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.5" => "SERIALNUMBER",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        "1.2.840.113549.1.9.1" => "E",
        _ => "OID." + oid,
    };

    /// <summary>The name as text; <c>(empty)</c> for an empty name; <c>(unreadable name)</c> when it does not parse.</summary>
    public static string Format(ReadOnlyMemory<byte> der)
    {
        try
        {
            var parts = new List<string>(2);
            var rdns = new DerCursor(der).ReadSequence();
            while (rdns.HasData)
            {
                var set = rdns.ReadSetOf();
                var attributes = new StringBuilder();
                while (set.HasData)
                {
                    var attribute = set.ReadSequence();
                    var oid = attribute.ReadOid();
                    var tag = attribute.PeekTag();
                    var value = tag.TagClass == TagClass.Universal && IsString((UniversalTagNumber)tag.TagValue)
                        ? attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue)
                        : "#" + Convert.ToHexStringLower(attribute.ReadEncoded().Span);
                    if (attributes.Length > 0) attributes.Append(" + ");
                    attributes.Append(ShortName(oid)).Append('=').Append(Escape(value));
                }
                parts.Add(attributes.ToString());
            }
            if (parts.Count == 0) return "(empty)";
            parts.Reverse();
            return string.Join(", ", parts);
        }
        catch (Exception e) when (e is AsnContentException or FormatException or ArgumentException)
        {
            return "(unreadable name)";
        }
    }

    private static bool IsString(UniversalTagNumber tag) => tag is UniversalTagNumber.UTF8String
        or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String or UniversalTagNumber.BMPString
        or UniversalTagNumber.T61String or UniversalTagNumber.UniversalString or UniversalTagNumber.VisibleString;

    private static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny(",+\"\\<>;=") < 0 && !value.StartsWith(' ') && !value.EndsWith(' ') && !value.StartsWith('#'))
            return value;
        var builder = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '=' || (c == ' ' && (i == 0 || i == value.Length - 1)) || (c == '#' && i == 0))
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }
}
