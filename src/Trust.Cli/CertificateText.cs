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

    // Trust sets NotBefore this far before the moment of issuance: CA certificates by the library's default, leaves by
    // Linkerd's clock-skew allowance. The lifetime asked for is counted from that moment.
    private static readonly TimeSpan[] StandardBackdates = [CertificateFactory.DefaultBackdate, new LeafProfile { DnsNames = [] }.Backdate];

    /// <summary>
    /// NotBefore to NotAfter. When that is a standard backdate more than a rounder lifetime (87600h1m: 87600h asked for,
    /// NotBefore a minute early), both parts are named, <c>87600h + 1m backdate</c>, rather than a surprising total.
    /// </summary>
    public static string Lifetime(TimeSpan span)
    {
        foreach (var backdate in StandardBackdates)
            if (span > backdate && Roundness(span - backdate) > Roundness(span))
                return $"{DurationText.Format(span - backdate)} + {Short(backdate)} backdate";
        return DurationText.Format(span);
    }

    // 3 whole hours, 2 whole minutes, 1 whole seconds, 0 finer.
    private static int Roundness(TimeSpan d) =>
        d.Ticks % TimeSpan.TicksPerHour == 0 ? 3 : d.Ticks % TimeSpan.TicksPerMinute == 0 ? 2 : d.Ticks % TimeSpan.TicksPerSecond == 0 ? 1 : 0;

    private static string Short(TimeSpan d) => d.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)d.TotalMinutes}m" : $"{(long)d.TotalSeconds}s";

    public static void Describe(TextWriter o, CertificateInfo c)
    {
        o.WriteLine($"  Subject:             {c.Subject}");
        o.WriteLine($"  Issuer:              {c.Issuer}{(c.IsSelfIssued ? " (self-issued)" : "")}");
        o.WriteLine($"  Serial:              {c.SerialHex}");
        o.WriteLine($"  Not before:          {Rfc3339.Format(c.NotBefore)}");
        o.WriteLine($"  Not after:           {Rfc3339.Format(c.NotAfter)} (lifetime {Lifetime(c.Lifetime)})");
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
