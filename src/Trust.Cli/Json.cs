using System.Text;
using System.Text.Json;
using Trust.Certificates;
using Trust.Time;

namespace Trust.Cli;

/// <summary>Writes JSON with <see cref="Utf8JsonWriter"/>: no reflection, so start-up stays fast.</summary>
internal static class Json
{
    public static string Write(Action<Utf8JsonWriter> write) => Write(write, indented: true);

    /// <summary>One JSON value on one line (a log line).</summary>
    public static string Line(Action<Utf8JsonWriter> write) => Write(write, indented: false);

    private static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        using var stream = new MemoryStream();
        // Relaxed escaping: quotes and non-ASCII names stay readable ('CN=root', not \u0027CN=root\u0027); the output
        // is never embedded in HTML, where the strict default matters.
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
            write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An RFC 3339 time, or null.</summary>
    public static void Time(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t) w.WriteString(name, Rfc3339.Format(t));
        else w.WriteNull(name);
    }

    public static void Certificate(Utf8JsonWriter w, CertificateInfo c)
    {
        w.WriteStartObject();
        w.WriteString("subject", c.Subject);
        w.WriteString("issuer", c.Issuer);
        w.WriteString("serial", c.SerialHex);
        w.WriteString("notBefore", Rfc3339.Format(c.NotBefore));
        w.WriteString("notAfter", Rfc3339.Format(c.NotAfter));
        w.WriteStartObject("publicKey");
        w.WriteString("algorithm", c.PublicKey.AlgorithmName);
        if (c.PublicKey.CurveName is { } curve) w.WriteString("curve", curve);
        w.WriteNumber("bits", c.PublicKey.Bits);
        w.WriteEndObject();
        w.WriteString("signatureAlgorithm", c.SignatureAlgorithmName);
        w.WriteBoolean("isCA", c.IsCertificateAuthority);
        if (c.PathLength is { } p) w.WriteNumber("pathLen", p); else w.WriteNull("pathLen");
        w.WriteStartArray("keyUsage");
        foreach (var u in CertificateText.KeyUsages(c)) w.WriteStringValue(u);
        w.WriteEndArray();
        if (c.ExtendedKeyUsageNames is { } ekus)
        {
            w.WriteStartArray("extendedKeyUsage");
            foreach (var e in ekus) w.WriteStringValue(e);
            w.WriteEndArray();
        }
        else w.WriteNull("extendedKeyUsage");
        w.WriteStartArray("dnsNames");
        foreach (var n in c.DnsNames) w.WriteStringValue(n);
        w.WriteEndArray();
        if (c.SubjectKeyId is { } ski) w.WriteString("subjectKeyId", Convert.ToHexStringLower(ski.Span));
        if (c.AuthorityKeyId is { } aki) w.WriteString("authorityKeyId", Convert.ToHexStringLower(aki.Span));
        w.WriteString("sha256", c.Fingerprint);
        w.WriteEndObject();
    }
}
