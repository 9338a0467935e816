using System.Text;
using Trust.Keys;
using Trust.Pem;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

/// <summary>One way to write certificate text, and what Linkerd makes of it (read from Go's encoding/pem and Linkerd's codec.go).</summary>
public sealed record LinkerdPemVariant(string Name, byte[] Content, LinkerdPemOutcome Outcome, int Certificates, string[] Fingerprints);

/// <summary>
/// Certificate texts in every shape that matters to Linkerd's reader: line endings, indentation, blank lines, text
/// around blocks, PEM headers, DER, several blocks, blocks of other kinds, empty and broken input. Each carries the
/// verdict expected from reading Go's and Linkerd's code; the differential test has Go confirm every one.
/// </summary>
public static class LinkerdPemVariants
{
    /// <param name="first">The certificate most variants are built around; a fresh anchor when null.</param>
    public static IReadOnlyList<LinkerdPemVariant> Build(Issued? first = null)
    {
        var (a, b, c) = (first ?? Pki.Anchor("a"), Pki.Anchor("b"), Pki.Anchor("c"));
        string A = a.Pem, B = b.Pem, C = c.Pem;
        var key = a.KeyPem;
        var publicKey = PemText.Write("PUBLIC KEY", a.Key.SubjectPublicKeyInfo);
        var derA = a.Certificate.Der.ToArray();
        var derB = b.Certificate.Der.ToArray();
        string fa = Fingerprint(a), fb = Fingerprint(b), fc = Fingerprint(c);
        string[] none = [];
        var list = new List<LinkerdPemVariant>();

        void Add(string name, string text, LinkerdPemOutcome outcome, params string[] prints) =>
            AddBytes(name, Encoding.UTF8.GetBytes(text), outcome, prints);
        void AddBytes(string name, byte[] content, LinkerdPemOutcome outcome, params string[] prints) =>
            list.Add(new LinkerdPemVariant(name, content, outcome, prints.Length, prints));

        const LinkerdPemOutcome Read = LinkerdPemOutcome.Read, Partly = LinkerdPemOutcome.ReadPartly,
            NotPem = LinkerdPemOutcome.NotPem, NoCerts = LinkerdPemOutcome.NoCertificates, X509 = LinkerdPemOutcome.CertificateMalformed;

        // Line endings.
        Add("lf-one", A, Read, fa);
        Add("lf-two", A + B, Read, fa, fb);
        Add("lf-three", A + B + C, Read, fa, fb, fc);
        Add("lf-no-final-newline", A.TrimEnd('\n'), Read, fa);
        Add("lf-two-no-final-newline", (A + B).TrimEnd('\n'), Read, fa, fb);
        Add("crlf-one", Crlf(A), Read, fa);
        Add("crlf-two", Crlf(A + B), Read, fa, fb);
        Add("crlf-no-final-newline", Crlf(A).TrimEnd('\n', '\r'), Read, fa);
        Add("crlf-then-lf", Crlf(A) + B, Read, fa, fb);
        Add("lf-then-crlf", A + Crlf(B), Read, fa, fb);
        Add("crlf-body-lines-mixed", MixedBodyEndings(A), Read, fa);
        Add("cr-one", Cr(A), NotPem);
        Add("cr-two", Cr(A + B), NotPem);
        Add("cr-second-only", A + Cr(B), NotPem, fa);

        // What follows the last END line.
        Add("trailing-blank-line", A + "\n", NotPem, fa);
        Add("trailing-two-blank-lines", A + "\n\n", NotPem, fa);
        Add("trailing-spaces", A + "  ", NotPem, fa);
        Add("trailing-tab-line", A + "\t\n", NotPem, fa);
        Add("crlf-trailing-blank-line", Crlf(A) + "\r\n", NotPem, fa);
        Add("trailing-blank-line-after-two", A + B + "\n", NotPem, fa, fb);
        Add("trailing-nul", A + "\0", NotPem, fa);
        Add("end-line-trailing-spaces", A.Replace("-----END CERTIFICATE-----", "-----END CERTIFICATE-----  \t"), Read, fa);
        Add("begin-line-trailing-spaces", A.Replace("-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE-----  "), Read, fa);

        // Indentation.
        Add("indent-begin", "  " + A, NotPem);
        Add("indent-begin-tab", "\t" + A, NotPem);
        Add("indent-all-lines", Indent(A, "    "), NotPem);
        Add("indent-all-lines-two", Indent(A + B, "  "), NotPem);
        Add("indent-body", IndentBody(A, "  "), Read, fa);
        Add("indent-body-tab", IndentBody(A, "\t"), Read, fa);
        Add("indent-end", A.Replace("-----END", "  -----END"), NotPem);
        Add("indent-begin-of-second", A + "  " + B, NotPem, fa);
        Add("indent-begin-of-first", "  " + A + B, Partly, fb);
        Add("indent-end-of-first", A.Replace("-----END", "  -----END") + B, Partly, fb);
        Add("indent-all-of-first", Indent(A, "  ") + B, Partly, fb);
        Add("crlf-indent-body", Crlf(IndentBody(A, "   ")), Read, fa);

        // Blank lines.
        Add("blank-line-before", "\n" + A, Read, fa);
        Add("blank-lines-before", "\n\n\n" + A, Read, fa);
        Add("spaces-line-before", "   \n" + A, Read, fa);
        Add("blank-line-between", A + "\n" + B, Read, fa, fb);
        Add("blank-lines-between-crlf", Crlf(A + "\n\n" + B), Read, fa, fb);
        Add("blank-line-after-begin", A.Insert(A.IndexOf('\n') + 1, "\n"), Read, fa);
        Add("blank-line-in-body", BodyLineBreak(A, "\n"), Read, fa);
        Add("spaces-line-in-body", BodyLineBreak(A, "   \n"), Read, fa);
        Add("blank-line-before-end", A.Replace("\n-----END", "\n\n-----END"), Read, fa);

        // Text around blocks.
        Add("text-before", "# trust anchors for prod\n" + A, Read, fa);
        Add("openssl-text-before", "subject=CN = a\nissuer=CN = a\n" + A, Read, fa);
        Add("text-between", A + "# next one\n" + B, Read, fa, fb);
        Add("text-after", A + "# end\n", NotPem, fa);
        Add("text-after-no-newline", A + "end", NotPem, fa);
        Add("text-before-begin-same-line", "anchors: " + A, NotPem);
        Add("text-after-end-same-line", A.Replace("-----END CERTIFICATE-----", "-----END CERTIFICATE----- x"), NotPem);
        Add("utf8-bom", "\uFEFF" + A, NotPem);
        Add("utf8-bom-two", "\uFEFF" + A + B, Partly, fb);
        AddBytes("latin1-text-before", [.. "caf"u8, 0xE9, (byte)'\n', .. Encoding.UTF8.GetBytes(A)], Read, fa);

        // PEM headers (Go reads them; x509 never sees them).
        Add("headers-then-blank-line", A.Replace("-----BEGIN CERTIFICATE-----\n", "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"), Read, fa);
        Add("header-without-blank-line", A.Replace("-----BEGIN CERTIFICATE-----\n", "-----BEGIN CERTIFICATE-----\nComment: prod\n"), Read, fa);
        Add("header-only-then-end", "-----BEGIN CERTIFICATE-----\nComment: x\n-----END CERTIFICATE-----\n", NotPem);

        // DER.
        AddBytes("der", derA, NotPem);
        AddBytes("der-two", [.. derA, .. derB], NotPem);
        AddBytes("der-newline", [.. derA, (byte)'\n'], NotPem);

        // Blocks of other kinds.
        Add("key-only", key, NoCerts);
        Add("key-first", key + A, NoCerts);
        Add("key-middle", A + key + B, Partly, fa);
        Add("key-end", A + B + key, Partly, fa, fb);
        Add("public-key-middle", A + publicKey + B, Partly, fa);
        Add("trusted-certificate-label", A.Replace("CERTIFICATE", "TRUSTED CERTIFICATE"), NoCerts);
        Add("x509-certificate-label", A.Replace("CERTIFICATE", "X509 CERTIFICATE"), NoCerts);
        Add("lowercase-label", A.Replace("CERTIFICATE", "certificate"), NoCerts);
        Add("label-trailing-space", A.Replace("CERTIFICATE-----", "CERTIFICATE -----"), NoCerts);

        // Empty, whitespace, broken.
        Add("empty", "", NoCerts);
        Add("newline-only", "\n", NotPem);
        Add("whitespace-only", " \t\r\n  \n", NotPem);
        Add("truncated-no-end", A[..A.IndexOf("-----END", StringComparison.Ordinal)], NotPem);
        Add("truncated-half", A[..(A.Length / 2)], NotPem);
        Add("truncated-first-then-good", A[..(A.Length / 2)] + "\n" + B, Partly, fb);
        Add("truncated-second", A + B[..(B.Length / 2)], NotPem, fa);
        Add("bad-base64", BreakBase64(A), NotPem);
        Add("bad-base64-first-then-good", BreakBase64(A) + B, Partly, fb);
        Add("extra-padding", A.Replace("\n-----END", "\n====\n-----END"), NotPem);
        Add("mismatched-end", A.Replace("-----END CERTIFICATE-----", "-----END X509 CERTIFICATE-----"), NotPem);
        Add("end-without-dashes", A.Replace("-----END CERTIFICATE-----", "-----END CERTIFICATE"), NotPem);
        Add("begin-without-dashes", A.Replace("-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE"), NotPem);
        Add("duplicate-begin", "-----BEGIN CERTIFICATE-----\n" + A, Partly, fa);
        Add("empty-body", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", X509);
        Add("garbage-body", PemText.Write("CERTIFICATE", "not a certificate"u8.ToArray()), X509);
        Add("garbage-second", A + PemText.Write("CERTIFICATE", "not a certificate"u8.ToArray()) + C, X509, fa);
        Add("der-trailing-data", PemText.Write("CERTIFICATE", (byte[])[.. derA, 0, 0]), X509);

        // Line lengths.
        Add("one-line-body", OneLineBody(A), Read, fa);
        Add("76-column-body", Rewrap(A, 76), Read, fa);
        return list;
    }

    public static string Fingerprint(Issued issued) => Convert.ToHexStringLower(issued.Certificate.Sha256.Span[..8]);

    private static string Crlf(string text) => text.Replace("\n", "\r\n");

    private static string Cr(string text) => text.Replace("\n", "\r");

    private static string Indent(string text, string prefix) =>
        string.Concat(text.Split('\n').Select((line, i) => (i == 0 ? "" : "\n") + (line.Length == 0 ? "" : prefix + line)));

    private static string IndentBody(string block, string prefix) =>
        string.Concat(block.Split('\n').Select((line, i) => (i == 0 ? "" : "\n") + (line.Length == 0 || line.StartsWith("-----") ? line : prefix + line)));

    /// <summary>Body lines alternate CRLF and LF.</summary>
    private static string MixedBodyEndings(string block) =>
        string.Concat(block.Split('\n').Select((line, i) => (i == 0 ? "" : i % 2 == 0 ? "\r\n" : "\n") + line));

    /// <summary>Puts <paramref name="insert"/> after the first body line.</summary>
    private static string BodyLineBreak(string block, string insert)
    {
        var firstBodyLineEnd = block.IndexOf('\n', block.IndexOf('\n') + 1);
        return block[..(firstBodyLineEnd + 1)] + insert + block[(firstBodyLineEnd + 1)..];
    }

    private static string BreakBase64(string block)
    {
        var at = block.IndexOf('\n') + 10;
        return block[..at] + "!" + block[(at + 1)..];
    }

    private static string Body(string block) =>
        string.Concat(block.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----")));

    private static string OneLineBody(string block) =>
        $"-----BEGIN CERTIFICATE-----\n{Body(block)}\n-----END CERTIFICATE-----\n";

    private static string Rewrap(string block, int width)
    {
        var body = Body(block);
        var lines = Enumerable.Range(0, (body.Length + width - 1) / width).Select(i => body.Substring(i * width, Math.Min(width, body.Length - i * width)));
        return $"-----BEGIN CERTIFICATE-----\n{string.Join("\n", lines)}\n-----END CERTIFICATE-----\n";
    }
}
