using Trust.Certificates;
using Trust.Findings;

namespace Trust.Validation;

/// <summary>How Linkerd reads one certificate text (trust anchors or issuer certificate), and why.</summary>
public sealed class LinkerdPemVerdict
{
    internal LinkerdPemVerdict(LinkerdPemOutcome outcome, IReadOnlyList<CertificateInfo> certificates, string? error, string explanation)
    {
        Outcome = outcome;
        Certificates = certificates;
        Error = error;
        Explanation = explanation;
    }

    /// <summary>What Linkerd makes of the text.</summary>
    public LinkerdPemOutcome Outcome { get; }

    /// <summary>True when Linkerd reads the text without error (<see cref="LinkerdPemOutcome.Read"/> or <see cref="LinkerdPemOutcome.ReadPartly"/>).</summary>
    public bool Readable => Outcome is LinkerdPemOutcome.Read or LinkerdPemOutcome.ReadPartly;

    /// <summary>The certificates Linkerd gets, in order; when it fails, those it had read before the error.</summary>
    public IReadOnlyList<CertificateInfo> Certificates { get; }

    /// <summary>
    /// The error Linkerd reports, null when readable: exactly <c>not a PEM certificate</c> or <c>No certificates found</c>;
    /// for a certificate Go cannot parse, <c>x509: </c> and our description of the fault (Go words it its own way).
    /// </summary>
    public string? Error { get; }

    /// <summary>One line: what Linkerd does with the text and what in the text makes it do so.</summary>
    public string Explanation { get; }

    /// <summary>
    /// <see cref="FindingIds.LinkerdPemUnreadable"/> when Linkerd fails,
    /// <see cref="FindingIds.LinkerdPemPartial"/> when it ignores part of the text, null when it reads it all.
    /// </summary>
    public string? FindingId => Outcome switch
    {
        LinkerdPemOutcome.Read => null,
        LinkerdPemOutcome.ReadPartly => FindingIds.LinkerdPemPartial,
        _ => FindingIds.LinkerdPemUnreadable,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Outcome} ({Certificates.Count} certificate(s)): {Explanation}";
}
