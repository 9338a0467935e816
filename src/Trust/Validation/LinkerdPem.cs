using Trust.Pem;

namespace Trust.Validation;

/// <summary>What Linkerd's PEM parser (pkg/tls/codec.go) would refuse or misread in a certificate text.</summary>
internal static class LinkerdPem
{
    /// <summary>Problems found in <paramref name="text"/>, one line each; empty when Linkerd reads it as intended.</summary>
    public static IReadOnlyList<string> Problems(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<string>();
        PemBlocks blocks;
        try { blocks = PemBlocks.Read(text, source); }
        catch (TrustInputException e) { return [e.Message]; }
        if (blocks.HasCrLf) problems.Add($"{source}: uses CRLF line endings; Linkerd expects LF");
        var other = blocks.Blocks.FirstOrDefault(b => b.Label != "CERTIFICATE");
        if (other is not null)
            problems.Add($"{source}: block {other.Index} is '{other.Label}'; Linkerd stops reading at the first non-CERTIFICATE block");
        if (blocks.Blocks.Count > 0 && blocks.TrailingText is not ("" or "\n"))
            problems.Add($"{source}: text after the last END line other than one newline; Linkerd answers 'not a PEM certificate'");
        return problems;
    }
}
