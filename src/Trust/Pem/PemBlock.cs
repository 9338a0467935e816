namespace Trust.Pem;

/// <summary>
/// One PEM block: its 1-based position in the text, its label and its decoded bytes. When the block is parsed as a
/// certificate, the certificate keeps this same array as its DER (no copy): treat <see cref="Der"/> as read-only.
/// </summary>
internal sealed record PemBlock(int Index, string Label, byte[] Der)
{
    /// <summary>A block that carries RFC 1421 encapsulated headers (<c>Proc-Type</c>, <c>DEK-Info</c>, …).</summary>
    public PemBlock(int index, string label, byte[] der, IReadOnlyList<KeyValuePair<string, string>> headers)
        : this(index, label, der)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Headers = headers;
    }

    /// <summary>
    /// The encapsulated headers (<c>Name: value</c> lines before a blank line and the base64) in order, with folded
    /// lines joined and values trimmed; empty when the block has none, as RFC 7468 blocks do.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = Array.Empty<KeyValuePair<string, string>>();
}
