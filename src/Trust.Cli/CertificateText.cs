using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Time;

namespace Trust.Cli;

/// <summary>Human-readable certificate descriptions.</summary>
internal static class CertificateText
{
    private static readonly (X509KeyUsageFlags Flag, string Name)[] Usages =
    [
        (X509KeyUsageFlags.DigitalSignature, "digitalSignature"), (X509KeyUsageFlags.NonRepudiation, "contentCommitment"),
        (X509KeyUsageFlags.KeyEncipherment, "keyEncipherment"), (X509KeyUsageFlags.DataEncipherment, "dataEncipherment"),
        (X509KeyUsageFlags.KeyAgreement, "keyAgreement"), (X509KeyUsageFlags.KeyCertSign, "keyCertSign"),
        (X509KeyUsageFlags.CrlSign, "cRLSign"), (X509KeyUsageFlags.EncipherOnly, "encipherOnly"),
        (X509KeyUsageFlags.DecipherOnly, "decipherOnly"),
    ];

    public static IEnumerable<string> KeyUsages(CertificateInfo c) =>
        c.KeyUsage is { } usage ? Usages.Where(u => usage.HasFlag(u.Flag)).Select(u => u.Name) : [];

    public static void Describe(TextWriter o, CertificateInfo c)
    {
        o.WriteLine($"  Subject:             {c.Subject}");
        o.WriteLine($"  Issuer:              {c.Issuer}{(c.IsSelfIssued ? " (self-issued)" : "")}");
        o.WriteLine($"  Serial:              {c.SerialHex}");
        o.WriteLine($"  Not before:          {Rfc3339.Format(c.NotBefore)}");
        o.WriteLine($"  Not after:           {Rfc3339.Format(c.NotAfter)} (lifetime {DurationText.Format(c.Lifetime)})");
        o.WriteLine($"  Public key:          {c.PublicKey}");
        o.WriteLine($"  Signature:           {c.SignatureAlgorithmName}");
        o.WriteLine(c.HasBasicConstraints
            ? $"  Basic constraints:   CA:{(c.IsCertificateAuthority ? "TRUE" : "FALSE")}{(c.PathLength is { } p ? $", pathlen {p}" : "")}{(c.BasicConstraintsCritical ? " (critical)" : "")}"
            : "  Basic constraints:   (absent)");
        o.WriteLine(c.KeyUsage is null ? "  Key usage:           (absent)" : $"  Key usage:           {string.Join(", ", KeyUsages(c))}{(c.KeyUsageCritical ? " (critical)" : "")}");
        o.WriteLine(c.ExtendedKeyUsage is null ? "  Extended key usage:  (absent)" : $"  Extended key usage:  {string.Join(", ", c.ExtendedKeyUsageNames!)}");
        if (c.DnsNames.Count + c.OtherNames.Count > 0)
            o.WriteLine($"  Alternative names:   {string.Join(", ", c.DnsNames.Select(n => "DNS:" + n).Concat(c.OtherNames))}");
        if (c.SubjectKeyId is { } ski) o.WriteLine($"  Subject key id:      {Convert.ToHexStringLower(ski.Span)}");
        if (c.AuthorityKeyId is { } aki) o.WriteLine($"  Authority key id:    {Convert.ToHexStringLower(aki.Span)}");
        o.WriteLine($"  SHA-256:             {c.Fingerprint}");
    }
}
