namespace Trust.Pem;

/// <summary>
/// One PEM block: its 1-based position in the text, its label and its decoded bytes. When the block is parsed as a
/// certificate, the certificate keeps this same array as its DER (no copy): treat <see cref="Der"/> as read-only.
/// </summary>
internal sealed record PemBlock(int Index, string Label, byte[] Der);
