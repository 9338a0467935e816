using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Findings;

namespace Trust.Certificates;

/// <summary>Builds DER distinguished names from user text.</summary>
internal static class SubjectName
{
    /// <summary>
    /// A plain value (<c>root.linkerd.cluster.local</c>) becomes a single CommonName; text with an <c>=</c>
    /// (<c>CN=root,O=Example</c>) is parsed as an RFC 4514-style distinguished name.
    /// </summary>
    public static byte[] Encode(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var text = subject.Trim();
        if (text.Length == 0) throw new TrustInputException(FindingIds.SubjectInvalid, "the subject must not be empty");
        if (!text.Contains('='))
        {
            var builder = new X500DistinguishedNameBuilder();
            builder.AddCommonName(text);
            return builder.Build().RawData;
        }
        try
        {
            return new X500DistinguishedName(text, X500DistinguishedNameFlags.UseCommas | X500DistinguishedNameFlags.Reversed).RawData;
        }
        catch (CryptographicException)
        {
            throw new TrustInputException(FindingIds.SubjectInvalid, $"subject '{subject}' is not a distinguished name (example: CN=root.linkerd.cluster.local,O=Example)");
        }
    }
}
