using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Trust.Tests.Support;

/// <summary>Builds a nameConstraints extension (RFC 5280 4.2.1.10); .NET has no builder for it.</summary>
public static class NameConstraintsExtension
{
    /// <summary>Subtrees as (form, value): "dns", "email", "uri" take text, "ip" takes CIDR ("10.0.0.0/8").</summary>
    public static X509Extension Create(bool critical, (string Form, string Value)[]? permitted = null, (string Form, string Value)[]? excluded = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            Subtrees(writer, 0, permitted);
            Subtrees(writer, 1, excluded);
        }
        return new X509Extension("2.5.29.30", writer.Encode(), critical);
    }

    public static X509Extension PermitDns(bool critical, params string[] domains) =>
        Create(critical, permitted: domains.Select(d => ("dns", d)).ToArray());

    private static void Subtrees(AsnWriter writer, int tag, (string Form, string Value)[]? subtrees)
    {
        if (subtrees is null) return;
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, tag, isConstructed: true)))
        {
            foreach (var (form, value) in subtrees)
            {
                using (writer.PushSequence())
                {
                    switch (form)
                    {
                        case "email": writer.WriteCharacterString(UniversalTagNumber.IA5String, value, new Asn1Tag(TagClass.ContextSpecific, 1)); break;
                        case "dns": writer.WriteCharacterString(UniversalTagNumber.IA5String, value, new Asn1Tag(TagClass.ContextSpecific, 2)); break;
                        case "uri": writer.WriteCharacterString(UniversalTagNumber.IA5String, value, new Asn1Tag(TagClass.ContextSpecific, 6)); break;
                        case "ip":
                            var slash = value.IndexOf('/');
                            var address = IPAddress.Parse(value[..slash]).GetAddressBytes();
                            var prefix = int.Parse(value[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                            var mask = new byte[address.Length];
                            for (var i = 0; i < prefix; i++) mask[i / 8] |= (byte)(0x80 >> (i % 8));
                            writer.WriteOctetString([.. address, .. mask], new Asn1Tag(TagClass.ContextSpecific, 7));
                            break;
                        case "dirname": // C=US
                            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                                writer.WriteEncodedValue(new X500DistinguishedName("C=US").RawData);
                            break;
                        default: throw new ArgumentException($"unknown form {form}", nameof(subtrees));
                    }
                }
            }
        }
    }
}
